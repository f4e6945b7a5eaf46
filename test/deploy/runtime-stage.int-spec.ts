import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/service-process.js';

/**
 * The image's runtime stage without Docker (there is no daemon here): the steps of
 * docker/Dockerfile's `deps` and `runtime` stages against this checkout — `npm ci --omit=dev
 * --ignore-scripts` into a copy holding only package.json, the lockfile, dist/ and bin/ — then
 * `node dist/main.js` as uid 1000 on a read-only root filesystem (a private mount namespace with
 * `/` remounted read-only) where only DATA_DIR and TMPDIR are writable, as in the Kubernetes pod.
 * Where mount namespaces are not allowed (not root) the same runs without the read-only root.
 */
const ROOT = resolve('.');
const TOKEN = 'runtime-stage-admin-token-0123';
const canIsolate =
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']).status === 0 &&
  spawnSync('setpriv', ['--version']).status === 0;

describe(`runtime stage: production dependencies only, ${canIsolate ? 'uid 1000 on a read-only root' : 'no read-only root (not root here)'}`, () => {
  let base: string;
  let app: string;
  let child: ChildProcess | null = null;
  let output = '';

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'ms-runtime-'));
    chmodSync(base, 0o755);
    app = join(base, 'app');
    mkdirSync(app);
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(app, f));
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: app,
      stdio: 'pipe',
      timeout: 240_000,
    });
    cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'bin'), join(app, 'bin'), { recursive: true });
    for (const dir of ['data', 'tmp']) {
      mkdirSync(join(base, dir));
      if (canIsolate) chownSync(join(base, dir), 1000, 1000);
    }
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(base, { recursive: true, force: true });
  });

  it('installs the production dependencies and none of the dev tools', () => {
    const installed = (name: string) => existsSync(join(app, 'node_modules', name, 'package.json'));
    for (const dep of ['@nestjs/core', '@electric-sql/pglite', 'helmet', 'rate-limiter-flexible', 'pg', 'typeorm'])
      expect({ dep, installed: installed(dep) }).toEqual({ dep, installed: true });
    // typescript is not listed: @nestjs/swagger depends on it, so production installs carry it.
    for (const dev of ['jest', '@nestjs/testing', '@nestjs/cli', 'kubernetes-models', 'eslint', 'supertest'])
      expect({ dev, installed: installed(dev) }).toEqual({ dev, installed: false });
    const count = readdirSync(join(app, 'node_modules')).length;
    process.stdout.write(`runtime node_modules: ${count} top-level entries\n`);
  });

  it('boots node dist/main.js, becomes ready, writes only DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const data = join(base, 'data');
    const tmp = join(base, 'tmp');
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: '/nonexistent',
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: data,
      TMPDIR: tmp,
      ADMIN_TOKEN: TOKEN,
      LOG_LEVEL: 'info',
    };
    const node = process.execPath;
    const started = Date.now();
    child = canIsolate
      ? spawn(
          'unshare',
          [
            '--mount',
            '--propagation',
            'private',
            'sh',
            '-c',
            // DATA_DIR and TMPDIR become mounts of their own, then `/` (recursively bound onto
            // itself) is remounted read-only: every other path refuses writes, as in the pod.
            'mount --bind "$DATA_DIR" "$DATA_DIR" && mount --bind "$TMPDIR" "$TMPDIR" && ' +
              'mount --rbind / / && mount -o remount,ro,bind / && ' +
              'touch /.rw-probe 2>/dev/null && { echo "root is writable"; exit 90; }; ' +
              `exec setpriv --reuid=1000 --regid=1000 --clear-groups "${node}" dist/main.js`,
          ],
          { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] },
        )
      : spawn(node, ['dist/main.js'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    const url = `http://127.0.0.1:${port}`;
    let ready = false;
    for (let i = 0; i < 600 && !ready; i++) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} during boot:\n${output}`);
      ready = await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect({ ready, output: ready ? '' : output }).toEqual({ ready: true, output: '' });
    process.stdout.write(`runtime stage: ready ${Date.now() - started} ms after spawn (embedded PGlite, first boot)\n`);

    // It serves, stores (the embedded database in DATA_DIR) and answers with its security headers.
    const created = await fetch(`${url}/jobs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'runtime-cleanup', type: 'cleanup', schedule: { every: 3600 }, cleanup: {} }),
    });
    expect(created.status).toBe(201);
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(readdirSync(data)).toEqual(expect.arrayContaining(['pgdata']));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/EROFS|read-only file system|EACCES/i);
  }, 180_000);
});
