import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisposableCluster, withDisposableCluster } from '../support/pg-cluster.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';
import type { TestDatabase } from '../support/database.js';

/**
 * Database outages on a disposable PostgreSQL cluster of this file's own (stopped, restarted and
 * its connections killed here; never the shared server). The service runs on a ManualClock, so
 * fire times are exact; only the database's absence is real.
 */
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunRow {
  scheduled_for: Date;
  status: string;
  trigger: string;
  attempt: number;
  error: string | null;
}

withDisposableCluster('database outages (disposable PostgreSQL cluster)', () => {
  let cluster: DisposableCluster;
  let h: SchedulerHarness | undefined;
  let seq = 0;

  beforeAll(async () => {
    cluster = await DisposableCluster.create();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  /** A database of its own on the cluster, for one test. */
  async function clusterDatabase(): Promise<TestDatabase> {
    const name = `outage_${process.pid}_${++seq}`;
    const url = await cluster.createDatabase(name);
    const dataDir = mkdtempSync(join(tmpdir(), 'ms-outage-'));
    return {
      url,
      dataDir,
      drop: async () => {
        if (cluster.isRunning) await cluster.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  afterEach(async () => {
    if (!cluster.isRunning) await cluster.start();
    await h?.close();
    h = undefined;
  });

  const runsOf = (jobId: string) =>
    cluster.query<RunRow>(
      'SELECT scheduled_for, status, trigger, attempt, error FROM job_runs WHERE job_id = $1 ORDER BY scheduled_for',
      [jobId],
      new URL(h!.db.url!).pathname.slice(1),
    );

  async function createJob(name: string, extra: Record<string, unknown>): Promise<string> {
    const res = await h!
      .api()
      .post('/jobs')
      .send({ name, type: 'cleanup', schedule: { every: 2 }, ...extra })
      .expect(201);
    return res.body.id;
  }

  it('fire times missed while the database was down go through each job misfire policy once it is back: a record for every one', async () => {
    h = await startSchedulerHarness({ db: await clusterDatabase() });
    const grace = { graceSeconds: 300 };
    const ids = {
      skip: await createJob('outage-skip', { misfire: { ...grace, policy: 'skip' } }),
      runOnce: await createJob('outage-runonce', { misfire: { ...grace, policy: 'runOnce' } }),
      backfill: await createJob('outage-backfill', { misfire: { ...grace, policy: 'backfill' } }),
    };
    for (let i = 0; i < 3; i++) await h.advance(2_000); // 14:00:02, :04, :06 run normally
    expect(h.handler.calls).toHaveLength(9);

    await cluster.stop();
    for (let i = 0; i < 13; i++) await h.advance(2_000); // :08 … :32: 13 fire times per job, nothing can be claimed
    expect(h.handler.calls).toHaveLength(9);
    expect(h.scheduler.inOutage).toBe(true);
    // Alive through it all: the loop keeps its beat.
    const live = await h.anon().get('/health/live');
    expect(live.status).toBe(200);

    await cluster.start();
    for (let i = 0; i < 4; i++) await h.advance(2_000); // :34 … :40: the upkeep sees the database, catches up
    for (let i = 0; i < 20 && h.executor.busy; i++) await h.advance(0);
    expect(h.scheduler.inOutage).toBe(false);

    const outage = Array.from({ length: 13 }, (_, i) => iso(T0 + 8_000 + i * 2_000));
    const every = Array.from({ length: 20 }, (_, i) => iso(T0 + 2_000 + i * 2_000)); // :02 … :40
    for (const [policy, id] of Object.entries(ids)) {
      const runs = await runsOf(id);
      // One record per fire time, none lost, none twice.
      expect({ policy, times: runs.map((r) => r.scheduled_for.toISOString()) }).toEqual({ policy, times: every });
      expect(runs.filter((r) => r.status === 'running' || r.status === 'queued')).toEqual([]);
    }
    const during = async (id: string) =>
      (await runsOf(id)).filter((r) => outage.includes(r.scheduled_for.toISOString()));

    const skipped = await during(ids.skip);
    expect(skipped.map((r) => r.status)).toEqual(outage.map(() => 'skipped'));
    expect(skipped[0].error).toBe('missed: the database was unreachable (misfire policy skip)');

    // runOnce: one coalesced catch-up run at the latest missed time (the instant the database was seen
    // again, :34), every earlier one skipped.
    const once = await during(ids.runOnce);
    expect(once.map((r) => r.status)).toEqual(outage.map(() => 'skipped'));
    const [catchUp] = (await runsOf(ids.runOnce)).filter((r) => r.trigger === 'catchup');
    expect([catchUp.scheduled_for.toISOString(), catchUp.status]).toEqual([iso(T0 + 34_000), 'succeeded']);

    const back = await during(ids.backfill);
    expect(back.map((r) => [r.status, r.trigger])).toEqual(outage.map(() => ['succeeded', 'catchup']));
    // The handler ran each backfilled time once, oldest first.
    const backCalls = h.handler.calls.filter((c) => c.jobName === 'outage-backfill' && c.trigger === 'catchup');
    expect(backCalls.map((c) => c.scheduledFor)).toEqual([...outage, iso(T0 + 34_000)]);

    // The `missed` counter counts exactly the fire times the policy did not run.
    const { body } = await h.api().get(`/jobs/${ids.skip}`).expect(200);
    const missedRecords = (await runsOf(ids.skip)).filter((r) => r.error?.startsWith('missed:'));
    expect(missedRecords.length).toBeGreaterThanOrEqual(13);
    expect(body.counters.missed).toBe(missedRecords.length);
  }, 180_000);

  it('an attempt whose connection is killed (pg_terminate_backend) is repeated, not failed, even with one attempt allowed', async () => {
    h = await startSchedulerHarness({ db: await clusterDatabase() });
    h.handler.behaviour = async (_ctx, i) => {
      if (i > 0) return { ok: true };
      // The run is in a statement on a connection of the service's pool, and it is killed under it.
      const statement = h!.dataSource.query('SELECT pg_sleep(5)');
      await sleep(300);
      expect(await cluster.terminate()).toBeGreaterThan(0);
      await statement;
      return { unreachable: true };
    };
    const id = await createJob('killed', { schedule: { every: 60 }, retry: { maxAttempts: 1, backoffSeconds: 0 } });
    await h.advance(60_000);
    expect(h.handler.calls.map((c) => c.attempt)).toEqual([1]);
    await h.advance(1_000); // the repeat after a lost connection waits 1 s (the database may be restarting)
    for (let i = 0; i < 50 && h.executor.busy; i++) await h.advance(0);
    expect(h.handler.calls.map((c) => [c.scheduledFor, c.attempt])).toEqual([
      [iso(T0 + 60_000), 1],
      [iso(T0 + 60_000), 2],
    ]);
    const runs = await runsOf(id);
    expect(runs.map((r) => [r.status, r.attempt, r.error])).toEqual([['succeeded', 2, null]]);
  });

  it('a run that ends while the database is down records its outcome when it is back: once, never run again', async () => {
    h = await startSchedulerHarness({ db: await clusterDatabase() });
    h.handler.behaviour = async () => {
      await cluster.stop(); // the database goes away under the run
      return { done: true };
    };
    const id = await createJob('outlived', { schedule: { every: 60 }, retry: { maxAttempts: 3, backoffSeconds: 1 } });
    h.clock.advance(60_000);
    h.timers.fireDue();
    while (h.handler.calls.length === 0 || cluster.isRunning) await sleep(50);
    await sleep(2_000); // the outcome is re-tried meanwhile (real time: a database's absence is real)
    await cluster.start();
    for (let i = 0; i < 200; i++) {
      const [run] = await runsOf(id);
      if (run?.status === 'succeeded') break;
      await sleep(100);
    }
    const runs = await runsOf(id);
    expect(runs.map((r) => [r.scheduled_for.toISOString(), r.status, r.attempt])).toEqual([
      [iso(T0 + 60_000), 'succeeded', 1],
    ]);
    await h.advance(30_000); // upkeep: lease takeovers find nothing to take over
    expect(h.handler.calls).toHaveLength(1);
  }, 120_000);
});
