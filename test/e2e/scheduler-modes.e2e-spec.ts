import { InstanceInfo } from '../../src/base/time/instance-info.js';
import { JobsService } from '../../src/jobs/jobs.service.js';
import { freshDatabase, sql, SERVER_URL, type TestDatabase } from '../support/database.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const everySecond = (name: string) => ({
  name,
  type: 'cleanup',
  schedule: { every: 1 },
  misfire: { graceSeconds: 0, policy: 'skip' },
});
const ADMIN_ROUTES: Array<[string, string]> = [
  ['get', '/jobs'],
  ['post', '/jobs'],
  ['get', '/scheduler/status'],
  ['get', '/scheduler/config'],
  ['post', '/scheduler/pause'],
  ['get', '/notifications'],
];

async function runsOf(
  t: TestApp,
  jobId: string,
): Promise<Array<{ status: string; trigger: string; instance_id: string | null }>> {
  return t.dataSource.query('SELECT status, trigger, instance_id FROM job_runs WHERE job_id = $1', [jobId]);
}

describe('SCHEDULER_MODE=worker (one process): fires jobs, serves health and metrics only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_MODE: 'worker' } });
  });
  afterAll(() => t.close());

  it('answers 404 on every admin route, with or without the token, and serves /health/* and /metrics', async () => {
    for (const [method, path] of ADMIN_ROUTES) {
      expect({ path, status: (await t.api()[method as 'get'](path)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await t.anon()[method as 'get'](path)).status }).toEqual({ path, status: 404 });
    }
    const notFound = await t.api().get('/jobs');
    expect(notFound.body.message).toEqual(['this replica runs in SCHEDULER_MODE=worker and serves no admin API']);
    for (const path of ['/health/live', '/health/ready', '/health', '/metrics'])
      expect({ path, status: (await t.anon().get(path)).status }).toEqual({ path, status: 200 });
    expect((await t.anon().get('/metrics')).text).toContain('market_scheduler_');
  });

  it('fires a stored job every second on this replica', async () => {
    const job = (await t.get(JobsService).create(everySecond('worker-fires'))) as { id: string };
    const me = t.get(InstanceInfo).id;
    let runs: Awaited<ReturnType<typeof runsOf>> = [];
    for (let i = 0; i < 100 && runs.filter((r) => r.status === 'succeeded').length < 3; i++) {
      await sleep(100);
      runs = await runsOf(t, job.id);
    }
    expect(runs.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(3);
    expect(new Set(runs.map((r) => r.instance_id))).toEqual(new Set([me]));
  });
});

describe('SCHEDULER_MODE=api (one process): serves the API, never fires', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_MODE: 'api' } });
  });
  afterAll(() => t.close());

  it('stores jobs and queues manual triggers for a worker, but runs nothing itself', async () => {
    const created = await t.api().post('/jobs').send(everySecond('api-never-fires')).expect(201);
    const status = (await t.api().get('/scheduler/status').expect(200)).body;
    expect(status).toMatchObject({ mode: 'api', running: false });
    const triggered = await t.api().post(`/jobs/${created.body.id}/trigger`).expect(202);
    expect(triggered.body.status).toBe('queued');
    await sleep(4_000); // four fire times of an every-second job
    const runs = await runsOf(t, created.body.id);
    expect(runs).toEqual([{ status: 'queued', trigger: 'manual', instance_id: null }]);
    expect((await t.anon().get('/health').expect(200)).body.checks.scheduler.status).toBe('up');
  });
});

/** Both modes together need a database two processes can share: the real server. */
const onServer = SERVER_URL ? describe : describe.skip;

onServer('an api process and a worker process on one database (real processes)', () => {
  let db: TestDatabase;
  let api: ServiceProcess;
  let worker: ServiceProcess;

  beforeAll(async () => {
    db = await freshDatabase();
    [api, worker] = await Promise.all([
      startServiceProcess({ DATABASE_URL: db.url!, SCHEDULER_MODE: 'api' }),
      startServiceProcess({ DATABASE_URL: db.url!, SCHEDULER_MODE: 'worker' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await db?.drop();
  });

  it('the worker fires what the api stored, and runs what the api queued; the api runs nothing', async () => {
    const apiId = (await api.call('GET', '/scheduler/status')).body.instanceId as string;
    expect((await worker.call('GET', '/scheduler/status')).status).toBe(404);
    const job = await api.call('POST', '/jobs', everySecond('split-fires'));
    expect(job.status).toBe(201);
    const manual = await api.call('POST', `/jobs/${job.body.id}/trigger`);
    expect(manual.status).toBe(202);
    let runs: Array<{ status: string; trigger: string; instance_id: string | null }> = [];
    for (let i = 0; i < 150; i++) {
      runs = await sql(db.url!, 'SELECT status, trigger, instance_id FROM job_runs WHERE job_id = $1', [job.body.id]);
      const done = runs.filter((r) => r.status === 'succeeded');
      if (done.some((r) => r.trigger === 'manual') && done.filter((r) => r.trigger === 'schedule').length >= 3) break;
      await sleep(100);
    }
    expect(runs.find((r) => r.trigger === 'manual')?.status).toBe('succeeded');
    expect(runs.filter((r) => r.trigger === 'schedule' && r.status === 'succeeded').length).toBeGreaterThanOrEqual(3);
    const instances = new Set(runs.map((r) => r.instance_id));
    expect(instances.size).toBe(1);
    expect(instances.has(apiId)).toBe(false);
    // The worker answers probes and metrics, and nothing else, token or not.
    for (const path of ['/health/ready', '/metrics']) expect((await fetch(`${worker.url}${path}`)).status).toBe(200);
    const admin = await fetch(`${worker.url}/jobs`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(admin.status).toBe(404);
  }, 60_000);
});
