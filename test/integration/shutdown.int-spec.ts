import { DataSource } from 'typeorm';
import { gate } from '../support/scripted-handler.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

/**
 * Graceful shutdown (what SIGTERM runs: Nest's shutdown hooks) and retry waits, on the real
 * database of the suite (embedded, or DATABASE_URL). One worker slot, so who holds it is exact.
 */
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

interface RunRow {
  job_id: string;
  scheduled_for: Date;
  status: string;
  attempt: number;
  instance_id: string | null;
  trigger: string;
  error: string | null;
}

/** Every run as the store has it, read by an API-only service on the same database (it runs nothing). */
async function storedRuns(h: SchedulerHarness): Promise<{ rows: RunRow[]; api: SchedulerHarness }> {
  const api = await startSchedulerHarness({ db: h.db, clock: h.clock, env: { SCHEDULER_MODE: 'api' } });
  const rows: RunRow[] = await api
    .get(DataSource)
    .query(
      'SELECT job_id, scheduled_for, status, attempt, instance_id, trigger, error FROM job_runs ORDER BY scheduled_for',
    );
  return { rows: rows.map((r) => ({ ...r, scheduled_for: new Date(r.scheduled_for) })), api };
}

describe('graceful shutdown and retry waits (one worker slot)', () => {
  let h: SchedulerHarness | undefined;
  const env = { SCHEDULER_MAX_WORKERS: '1', SHUTDOWN_GRACE: '5' };

  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function createJob(name: string, extra: Record<string, unknown>): Promise<string> {
    const res = await h!
      .api()
      .post('/jobs')
      .send({ name, type: 'cleanup', ...extra })
      .expect(201);
    return res.body.id;
  }

  it('a run waiting for its retry holds no worker slot; SIGTERM hands back what has not started, lets the run in flight finish, and only then closes the pool', async () => {
    h = await startSchedulerHarness({ env });
    const slow = gate();
    let flakyFailures = 0;
    h.handler.behaviour = async (ctx) => {
      if (ctx.job.name === 'flaky' && flakyFailures++ === 0) throw new Error('vendor said 500');
      if (ctx.job.name === 'slow') await slow.wait;
      return { job: ctx.job.name };
    };
    const flaky = await createJob('flaky', { schedule: { every: 30 }, retry: { maxAttempts: 3, backoffSeconds: 120 } });
    const slowId = await createJob('slow', { schedule: { every: 45 } });
    const manual = await createJob('manual', { schedule: { every: 3600 } });

    await h.advance(30_000); // 14:00:30: flaky's attempt 1 fails; its retry waits 120 s
    expect(h.handler.calls.map((c) => [c.jobName, c.attempt])).toEqual([['flaky', 1]]);
    expect(h.executor.retryingCount).toBe(1);
    await h.advance(15_000); // 14:00:45: the only worker slot is free for slow while flaky waits
    expect(h.handler.calls.map((c) => c.jobName)).toEqual(['flaky', 'slow']);
    expect(h.handler.running).toBe(1);

    // Claimed while the slot is busy: it waits for a worker, under this replica's lease.
    await h.api().post(`/jobs/${manual}/trigger`).expect(202);
    await h.settle();
    expect(h.handler.calls.map((c) => c.jobName)).toEqual(['flaky', 'slow']);

    setTimeout(() => slow.open(), 500); // finishes within the 5 s grace period
    const closing = h.close({ keepDatabase: true });
    await closing;

    const { rows, api } = await storedRuns(h);
    h = api;
    const byJob = (id: string) => rows.filter((r) => r.job_id === id);
    // In flight: finished and recorded before the pool closed.
    expect(byJob(slowId).map((r) => [r.scheduled_for.toISOString(), r.status, r.attempt])).toEqual([
      [iso(T0 + 45_000), 'succeeded', 1],
    ]);
    // Claimed but not started: handed back, owned by nobody, for the next replica's upkeep.
    expect(byJob(manual).map((r) => [r.status, r.instance_id, r.attempt])).toEqual([['queued', null, 1]]);
    // Waiting to retry: handed back as its next attempt.
    expect(byJob(flaky).map((r) => [r.scheduled_for.toISOString(), r.status, r.instance_id, r.attempt])).toEqual([
      [iso(T0 + 30_000), 'queued', null, 2],
    ]);
    expect(rows.filter((r) => r.status === 'running')).toEqual([]);
    expect(h.handler.calls).toHaveLength(0);

    // Another replica takes them at its first upkeep, not a lease (30 s) later.
    await h.close({ keepDatabase: true });
    h = await startSchedulerHarness({ db: h.db, clock: h.clock, env });
    await h.advance(2_000);
    await h.advance(2_000);
    expect(h.handler.calls.map((c) => [c.jobName, c.attempt]).sort()).toEqual([
      ['flaky', 2],
      ['manual', 1],
    ]);
  });

  it('a run still running when the grace period ends is aborted and handed back, not failed', async () => {
    h = await startSchedulerHarness({ env: { ...env, SHUTDOWN_GRACE: '1' } });
    h.handler.behaviour = (ctx) =>
      new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    const hung = await createJob('hung', { schedule: { every: 60 }, retry: { maxAttempts: 1, backoffSeconds: 0 } });
    await h.advance(60_000);
    expect(h.handler.running).toBe(1);
    await h.close({ keepDatabase: true });
    const { rows, api } = await storedRuns(h);
    h = api;
    expect(rows.filter((r) => r.job_id === hung).map((r) => [r.status, r.instance_id, r.attempt])).toEqual([
      ['queued', null, 1],
    ]);
  });
});
