import { DisposableCluster, withDisposableCluster } from '../support/pg-cluster.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/**
 * `node dist/main.js` booted while its PostgreSQL is down (a disposable cluster, stopped): HTTP is
 * served at once (liveness true, readiness false in the service's own words), connecting is retried
 * with backoff for as long as it takes, and when the database comes the migrations run, the
 * scheduler starts and readiness turns true. Then SIGTERM stops it cleanly.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(proc: ServiceProcess, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${proc.url}${path}`);
  return { status: res.status, text: await res.text() };
}

withDisposableCluster('booting without the database (real process, disposable PostgreSQL)', () => {
  let cluster: DisposableCluster;
  let proc: ServiceProcess | undefined;

  beforeAll(async () => {
    cluster = await DisposableCluster.create();
    await cluster.createDatabase('scheduler');
    await cluster.stop();
  }, 120_000);
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await cluster?.destroy();
  });

  it('serves HTTP at once, stays alive and unready while it retries, and becomes ready when the database comes', async () => {
    proc = await startServiceProcess(
      { DATABASE_URL: cluster.url('scheduler'), LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      { waitFor: 'live' },
    );
    const ready = await get(proc, '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('database unreachable');
    const health = await get(proc, '/health');
    expect(health.status).toBe(503);
    for (const answer of [ready.text, health.text, (await get(proc, '/health/live')).text]) {
      expect(answer).not.toContain(String(cluster.port)); // no address, no URL, no driver text
      expect(answer).not.toContain('127.0.0.1');
      expect(answer).not.toMatch(/ECONNREFUSED|postgres:\/\//);
    }
    expect((await get(proc, '/health/live')).status).toBe(200);
    // An API call meanwhile: 503, to be tried again, not a 500.
    const list = await proc.call('GET', '/jobs');
    expect([list.status, list.body.message]).toEqual([503, ['database unavailable; try again shortly']]);

    // Still there after longer than @nestjs/typeorm's 10 retries (about 27 s) would have taken: wait for 3 logged retries.
    for (let i = 0; i < 300 && (proc.output().match(/database unreachable \(attempt/g) ?? []).length < 3; i++)
      await sleep(100);
    expect((proc.output().match(/database unreachable \(attempt/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(proc.child.exitCode).toBeNull();
    expect((await get(proc, '/health/live')).status).toBe(200);

    await cluster.start();
    let readyAt = -1;
    for (let i = 0; i < 400; i++) {
      if ((await get(proc, '/health/ready')).status === 200) {
        readyAt = i;
        break;
      }
      await sleep(100);
    }
    expect(readyAt).toBeGreaterThanOrEqual(0); // within 40 s (the backoff is capped at 15 s ±20 %)
    // Migrated and scheduling: a job can be made and the loop runs.
    const created = await proc.call('POST', '/jobs', { name: 'after-boot', type: 'cleanup', schedule: { every: 60 } });
    expect(created.status).toBe(201);
    const status = await proc.call('GET', '/scheduler/status');
    expect(status.body).toMatchObject({ running: true, jobs: { total: 1, scheduled: 1 } });
    const migrations = await cluster.query<{ n: string }>('SELECT count(*) AS n FROM migrations', [], 'scheduler');
    expect(Number(migrations[0].n)).toBeGreaterThan(10);

    expect(await proc.stop('SIGTERM')).toBe(0);
    expect(proc.output()).not.toContain('Cannot use a pool');
    expect(proc.output()).toMatch(/database reachable again/);
  }, 120_000);
});
