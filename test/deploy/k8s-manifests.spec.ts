import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isSecretName } from '../../src/base/security/redact.js';

const K8S = resolve('deploy/k8s');
const OVERLAYS = ['all-in-one', 'split'];
type Doc = Record<string, any>;

function loadYaml(file: string): Doc[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as Doc;
  });
}

/** What `kubectl kustomize DIR` yields for these plain layouts (resources only: files and directories). */
function build(dir: string): Doc[] {
  const k = loadYaml(join(dir, 'kustomization.yaml'))[0];
  expect(Object.keys(k).sort()).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'resources']));
  return (k.resources as string[]).flatMap((r) => {
    const path = join(dir, r);
    if (!existsSync(path)) throw new Error(`${dir}/kustomization.yaml lists ${r}, which does not exist`);
    return statSync(path).isDirectory() ? build(path) : loadYaml(path);
  });
}

/** The kubernetes-models class of a resource: `apps/v1` Deployment → kubernetes-models/apps/v1/Deployment. */
async function validateSchema(doc: Doc): Promise<void> {
  const mod = await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`);
  const Model = mod[doc.kind] ?? mod.default;
  new Model(doc).validate(); // throws with the JSON path of every violation of the Kubernetes schema
}

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('Kubernetes manifests (deploy/k8s)', () => {
  const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, build(join(K8S, o))]));
  const configMap = rendered['split'].find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'market-scheduler')!;
  const secret = loadYaml(join(K8S, 'secret.example.yaml'))[0];

  it('every document of every file validates against the Kubernetes JSON schemas (kubernetes-models)', async () => {
    const files = ['base', ...OVERLAYS].flatMap((d) =>
      readdirSync(join(K8S, d))
        .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .map((f) => join(K8S, d, f)),
    );
    files.push(join(K8S, 'secret.example.yaml'));
    let validated = 0;
    for (const file of files)
      for (const doc of loadYaml(file)) {
        await expect(validateSchema(doc)).resolves.toBeUndefined();
        validated++;
      }
    expect(validated).toBeGreaterThanOrEqual(9);
  });

  it('the schema check does catch a bad manifest (a named user where a uid is required)', async () => {
    const deployment = structuredClone(rendered['split'].find((d) => d.kind === 'Deployment')!);
    deployment.spec.template.spec.securityContext.runAsUser = 'node';
    await expect(validateSchema(deployment)).rejects.toThrow(/runAsUser must be integer/);
  });

  it.each(OVERLAYS)('%s: builds with kubectl kustomize to the same resources (when kubectl is installed)', (o) => {
    if (!hasKubectl) return; // the file-based build above still runs
    const out = execFileSync('kubectl', ['kustomize', join(K8S, o)], { encoding: 'utf8' });
    const viaKubectl = parseAllDocuments(out).map((d) => d.toJS() as Doc);
    const names = (docs: Doc[]) => docs.map((d) => `${d.kind}/${d.metadata.name}`).sort();
    expect(names(viaKubectl)).toEqual(names(rendered[o]));
  });

  it('the Secret is an example file of its own, in no kustomization; the rest holds no secret', () => {
    expect(secret.kind).toBe('Secret');
    for (const o of OVERLAYS) expect(rendered[o].filter((d) => d.kind === 'Secret')).toEqual([]);
    expect(Object.keys(secret.stringData)).toEqual(expect.arrayContaining(['DATABASE_URL', 'ADMIN_TOKEN']));
    for (const key of Object.keys(configMap.data))
      expect({ key, secret: isSecretName(key) }).toEqual({ key, secret: false });
    expect(configMap.data.DATABASE_URL).toBeUndefined();
  });

  it('splits into an api Deployment (behind the Service) and a worker Deployment (not), by SCHEDULER_MODE', () => {
    const deployments = rendered['split'].filter((d) => d.kind === 'Deployment');
    const mode = (d: Doc) => d.spec.template.spec.containers[0].env.find((e: Doc) => e.name === 'SCHEDULER_MODE').value;
    expect(deployments.map((d) => [d.metadata.name, mode(d)]).sort()).toEqual([
      ['market-scheduler-api', 'api'],
      ['market-scheduler-worker', 'worker'],
    ]);
    expect(rendered['all-in-one'].filter((d) => d.kind === 'Deployment').map(mode)).toEqual(['all']);
    const service = rendered['split'].find((d) => d.kind === 'Service')!;
    const selects = (d: Doc) =>
      Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v);
    expect(deployments.filter(selects).map((d) => d.metadata.name)).toEqual(['market-scheduler-api']);
    expect(rendered['all-in-one'].filter((d) => d.kind === 'Deployment').every(selects)).toBe(true);
    for (const o of OVERLAYS)
      for (const pdb of rendered[o].filter((d) => d.kind === 'PodDisruptionBudget')) {
        const matched = rendered[o].filter(
          (d) =>
            d.kind === 'Deployment' &&
            Object.entries(pdb.spec.selector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
        );
        expect(matched).toHaveLength(1);
      }
  });

  describe.each(OVERLAYS.flatMap((o) => build(join(K8S, o)).filter((d) => d.kind === 'Deployment')))(
    'Deployment $metadata.name',
    (d: Doc) => {
      const pod = d.spec.template.spec;
      const [c] = pod.containers;
      const mode = c.env.find((e: Doc) => e.name === 'SCHEDULER_MODE').value as string;

      it('starts under a restricted policy: numeric non-root uid, read-only root, no capabilities', () => {
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
        expect(c.securityContext).toMatchObject({
          runAsNonRoot: true,
          runAsUser: 1000,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
        expect(pod.automountServiceAccountToken).toBe(false);
        // The image's USER is the same numeric uid (docker/Dockerfile).
        expect(readFileSync('docker/Dockerfile', 'utf8')).toMatch(/^USER 1000:1000$/m);
      });

      it('writes only to volumes: DATA_DIR and TMPDIR are mounted emptyDirs', () => {
        const mounts = Object.fromEntries(c.volumeMounts.map((m: Doc) => [m.mountPath, m]));
        for (const path of [configMap.data.DATA_DIR, configMap.data.TMPDIR]) {
          expect(mounts[path]).toBeDefined();
          expect(mounts[path].readOnly ?? false).toBe(false);
          expect(pod.volumes.find((v: Doc) => v.name === mounts[path].name).emptyDir).toBeDefined();
        }
        expect(mounts[configMap.data.ALERTS_DIR]).toMatchObject({ readOnly: true });
      });

      it('has startup, readiness and liveness probes on the service health routes, and resources', () => {
        const port = c.ports.find((p: Doc) => p.name === 'http');
        expect(port.containerPort).toBe(3000);
        expect(c.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
        expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
        // The startup probe allows at least a minute for migrations before liveness takes over.
        expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(60);
        expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(c.resources.limits.memory).toEqual(expect.any(String));
      });

      it('gives the drain its time: grace period ≥ preStop + job timeout (scheduling modes) + margin', () => {
        const [cmd, seconds] = c.lifecycle.preStop.exec.command;
        expect(cmd).toBe('sleep');
        const preStop = Number(seconds);
        expect(preStop).toBeGreaterThanOrEqual(3);
        const drain = mode === 'api' ? 0 : Number(configMap.data.SCHEDULER_JOB_TIMEOUT) + 5;
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + drain + 10);
        expect(pod.terminationGracePeriodSeconds).toBeLessThanOrEqual(preStop + drain + 60);
      });

      it('reads its configuration from the ConfigMap and the Secret (the example defines it)', () => {
        expect(c.envFrom).toEqual(
          expect.arrayContaining([
            { configMapRef: { name: configMap.metadata.name } },
            { secretRef: { name: secret.metadata.name } },
          ]),
        );
      });
    },
  );
});
