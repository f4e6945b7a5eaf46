import { sql } from '../support/database.js';
import { gate } from '../support/scripted-handler.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const job = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'cleanup',
  schedule: { every: 60 },
  ...extra,
});

async function runsOf(h: SchedulerHarness, jobId: string): Promise<Array<Record<string, any>>> {
  const res = await h.api().get(`/jobs/${jobId}/runs?limit=500`).expect(200);
  return res.body.items;
}

describe('scheduler on a ManualClock (whole service, real database)', () => {
  let h: SchedulerHarness;
  beforeEach(async () => {
    h = await startSchedulerHarness();
  });
  afterEach(async () => {
    await h?.close();
  });

  it('fires each nominal time once, applies API changes at once, and reports status', async () => {
    const { body: created } = await h.api().post('/jobs').send(job('every-minute')).expect(201);
    expect(created.nextRunAt).toBe('2026-03-02T14:01:00.000Z');
    await h.advance(59_999);
    expect(h.handler.calls).toHaveLength(0);
    await h.advance(1);
    await h.advance(60_000);
    expect(h.handler.calls.map((c) => c.scheduledFor)).toEqual([
      '2026-03-02T14:01:00.000Z',
      '2026-03-02T14:02:00.000Z',
    ]);
    const runs = await runsOf(h, created.id);
    expect(runs.map((r) => [r.scheduledFor, r.status, r.attempt])).toEqual([
      ['2026-03-02T14:02:00.000Z', 'succeeded', 1],
      ['2026-03-02T14:01:00.000Z', 'succeeded', 1],
    ]);
    const status = await h.api().get('/scheduler/status').expect(200);
    expect(status.body).toMatchObject({
      running: true,
      paused: false,
      mode: 'all',
      jobs: { total: 1, enabled: 1, scheduled: 1 },
    });
    expect(status.body.nextRuns).toEqual([{ jobId: created.id, name: 'every-minute', at: '2026-03-02T14:03:00.000Z' }]);
    await h
      .api()
      .patch(`/jobs/${created.id}`)
      .send({ schedule: { cron: '30 14 * * *', timezone: 'UTC' } })
      .expect(200);
    await h.advance(60_000);
    expect(h.handler.calls).toHaveLength(2); // 14:03 no longer a fire time, with no reload
    await h.api().post(`/jobs/${created.id}/pause`).expect(200);
    await h.advance(30 * 60_000);
    expect(h.handler.calls).toHaveLength(2);
    expect((await h.api().get('/scheduler/status')).body.jobs).toEqual({ total: 1, enabled: 0, scheduled: 0 });
  });

  it('survives claims the database refuses: the refused fire time goes through the misfire policy, and fire times are claimed again once it answers', async () => {
    const { body: created } = await h.api().post('/jobs').send(job('through-an-outage')).expect(201);
    // Both the claim and the job lookups fail, as when the database is unreachable.
    await h.dataSource.query('ALTER TABLE job_runs RENAME TO job_runs_away');
    await h.dataSource.query('ALTER TABLE jobs RENAME TO jobs_away');
    await h.advance(60_000); // 14:01: the claim fails
    await h.dataSource.query('ALTER TABLE jobs_away RENAME TO jobs');
    await h.dataSource.query('ALTER TABLE job_runs_away RENAME TO job_runs');
    expect(h.handler.calls).toHaveLength(0);
    await h.advance(60_000); // 14:02: claimed and run by the same, still living service
    expect(h.handler.calls.map((c) => c.scheduledFor)).toEqual(['2026-03-02T14:02:00.000Z']);
    // 14:01 is not lost silently: the misfire policy decided it once the database answered (the default,
    // runOnce, coalesces to the latest time, 14:02, which runs; 14:01 is recorded as skipped).
    const runs = await runsOf(h, created.id);
    expect(runs.map((r) => [r.scheduledFor, r.status])).toEqual([
      ['2026-03-02T14:02:00.000Z', 'succeeded'],
      ['2026-03-02T14:01:00.000Z', 'skipped'],
    ]);
    expect(runs[1].error).toMatch(/missed: the database was unreachable \(misfire policy runOnce\)/);
    expect((await h.api().get('/scheduler/status')).body.jobs).toMatchObject({ scheduled: 1 });
  });

  it('persists jobs and runs across a restart and reloads them at boot', async () => {
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job('survivor', { misfire: { graceSeconds: 0, policy: 'skip' } }))
      .expect(201);
    await h.advance(60_000);
    await h.close({ keepDatabase: true });
    h = await startSchedulerHarness({ db: h.db, clock: h.clock });
    expect((await h.api().get('/scheduler/status')).body.jobs).toEqual({ total: 1, enabled: 1, scheduled: 1 });
    await h.advance(60_000);
    const runs = await runsOf(h, body.id);
    expect(runs.map((r) => r.scheduledFor)).toEqual(['2026-03-02T14:02:00.000Z', '2026-03-02T14:01:00.000Z']);
  });

  it('answers the reload diff after changes made behind its back', async () => {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c', 'd'])
      ids.push((await h.api().post('/jobs').send(job(name)).expect(201)).body.id);
    const url = h.db.url;
    if (url) {
      await sql(url, `UPDATE jobs SET version = version + 1, schedule = '{"every": 30}' WHERE id = $1`, [ids[0]]);
      await sql(url, 'UPDATE jobs SET enabled = false, version = version + 1 WHERE id = $1', [ids[1]]);
      await sql(url, 'DELETE FROM jobs WHERE id = $1', [ids[2]]);
      await sql(
        url,
        `INSERT INTO jobs (name, type, schedule, retry, timeout_seconds, misfire) VALUES ('e', 'cleanup', '{"every": 60}', '{"maxAttempts":1,"backoffSeconds":0}', 60, '{"graceSeconds":0,"policy":"skip"}')`,
      );
    } else {
      const ds = h.dataSource;
      await ds.query(`UPDATE jobs SET version = version + 1, schedule = '{"every": 30}' WHERE id = $1`, [ids[0]]);
      await ds.query('UPDATE jobs SET enabled = false, version = version + 1 WHERE id = $1', [ids[1]]);
      await ds.query('DELETE FROM jobs WHERE id = $1', [ids[2]]);
      await ds.query(
        `INSERT INTO jobs (name, type, schedule, retry, timeout_seconds, misfire) VALUES ('e', 'cleanup', '{"every": 60}', '{"maxAttempts":1,"backoffSeconds":0}', 60, '{"graceSeconds":0,"policy":"skip"}')`,
      );
    }
    const res = await h.api().post('/scheduler/reload').expect(200);
    // Without ALERTS_DIR: no file sync to report, and no problems.
    expect(res.body).toEqual({ added: 1, updated: 1, removed: 2, unchanged: 1, problems: [], alertsDir: null });
    expect((await h.api().post('/scheduler/reload').expect(200)).body).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 3,
      problems: [],
      alertsDir: null,
    });
  });

  it.each([
    ['skip', []],
    ['runOnce', ['2026-03-02T14:10:00.000Z']],
    [
      'backfill',
      [
        '2026-03-02T14:06:00.000Z',
        '2026-03-02T14:07:00.000Z',
        '2026-03-02T14:08:00.000Z',
        '2026-03-02T14:09:00.000Z',
        '2026-03-02T14:10:00.000Z',
      ],
    ],
  ])('misfire %s: fire times missed while no replica ran', async (policy, expected) => {
    await h
      .api()
      .post('/jobs')
      .send(job(`misfire-${policy}`, { misfire: { graceSeconds: 240, policy } }))
      .expect(201);
    await h.close({ keepDatabase: true });
    h.clock.set(T0 + 10 * 60_000); // down from 14:00 to 14:10; 14:01 … 14:10 were missed, 14:06 is exactly 240 s old
    h = await startSchedulerHarness({ db: h.db, clock: h.clock });
    await h.settle();
    expect(h.handler.calls.map((c) => c.scheduledFor)).toEqual(expected);
    expect(h.handler.calls.every((c) => c.trigger === 'catchup')).toBe(true);
    await h.advance(60_000);
    expect(h.handler.calls.at(-1)).toMatchObject({ scheduledFor: '2026-03-02T14:11:00.000Z', trigger: 'schedule' });
  });

  it('retries a failed run with exponential backoff as further attempts of the same run', async () => {
    h.handler.behaviour = async (_ctx, i) => {
      if (i < 2) throw new Error(`flaky ${i}`);
      return { done: true };
    };
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job('flaky', { retry: { maxAttempts: 3, backoffSeconds: 10 } }))
      .expect(201);
    await h.advance(60_000);
    expect(h.handler.calls.map((c) => c.attempt)).toEqual([1]);
    await h.advance(9_999);
    expect(h.handler.calls).toHaveLength(1);
    await h.advance(1); // 10 s after the first failure
    expect(h.handler.calls.map((c) => c.attempt)).toEqual([1, 2]);
    await h.advance(20_000); // then 20 s
    expect(h.handler.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const [run] = await runsOf(h, body.id);
    expect(run).toMatchObject({ status: 'succeeded', attempt: 3, result: { done: true }, error: null });
  });

  it('fails a run after its last attempt, and times out a run that hangs', async () => {
    h.handler.behaviour = async (ctx) => {
      if (ctx.job.name === 'broken') throw new Error('provider exploded');
      return new Promise(() => undefined); // never ends
    };
    const broken = (
      await h
        .api()
        .post('/jobs')
        .send(job('broken', { retry: { maxAttempts: 2, backoffSeconds: 1 } }))
        .expect(201)
    ).body;
    const hung = (
      await h
        .api()
        .post('/jobs')
        .send(job('hung', { timeoutSeconds: 5, retry: { maxAttempts: 1, backoffSeconds: 0 } }))
        .expect(201)
    ).body;
    await h.advance(60_000);
    await h.advance(1_000);
    await h.advance(4_000);
    expect((await runsOf(h, broken.id))[0]).toMatchObject({ status: 'failed', attempt: 2, error: 'provider exploded' });
    expect((await runsOf(h, hung.id))[0]).toMatchObject({
      status: 'timedOut',
      attempt: 1,
      error: 'timed out after 5 s',
    });
  });

  it.each([
    ['skip', ['running', 'skipped'], 1],
    ['queue', ['running', 'queued'], 2],
    ['allow', ['running', 'running'], 2],
  ])('overlap %s: a fire time arriving while the previous run still runs', async (overlap, statuses, eventualRuns) => {
    const release = gate();
    h.handler.behaviour = () => release.wait;
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job(`overlap-${overlap}`, { overlap, schedule: { every: 10 }, timeoutSeconds: 3600 }))
      .expect(201);
    await h.advance(10_000);
    await h.advance(10_000);
    const runs = await runsOf(h, body.id);
    expect(runs.map((r) => r.status).reverse()).toEqual(statuses);
    if (overlap === 'skip') expect(runs[0].error).toMatch(/overlap/);
    await h.scheduler.loop.stop();
    release.open();
    await h.settle();
    await h.scheduler.runUpkeep();
    await h.settle();
    expect(h.handler.calls).toHaveLength(eventualRuns);
    const after = await runsOf(h, body.id);
    expect(after.filter((r) => r.status === 'succeeded')).toHaveLength(eventualRuns);
  });

  it('runs at most SCHEDULER_MAX_WORKERS at once in a process', async () => {
    await h.close();
    h = await startSchedulerHarness({ env: { SCHEDULER_MAX_WORKERS: '2' } });
    const release = gate();
    h.handler.behaviour = () => release.wait;
    for (let i = 0; i < 5; i++)
      await h
        .api()
        .post('/jobs')
        .send(job(`w${i}`, { timeoutSeconds: 3600 }))
        .expect(201);
    await h.advance(60_000);
    expect(h.handler.running).toBe(2);
    release.open();
    await h.settle();
    expect(h.handler.calls).toHaveLength(5);
    expect(h.handler.maxRunning).toBe(2);
  });

  it('takes over a run whose replica died (lease expired) and retries it, or fails it with no attempts left', async () => {
    const retried = (
      await h
        .api()
        .post('/jobs')
        .send(job('orphan-retry', { retry: { maxAttempts: 2, backoffSeconds: 0 } }))
        .expect(201)
    ).body;
    const spent = (
      await h
        .api()
        .post('/jobs')
        .send(job('orphan-spent', { retry: { maxAttempts: 1, backoffSeconds: 0 } }))
        .expect(201)
    ).body;
    const orphan = `INSERT INTO job_runs (job_id, scheduled_for, status, attempt, instance_id, lease_until, started_at)
                    VALUES ($1, '2026-03-02T13:59:00Z', 'running', 1, 'dead-pod-1', '2026-03-02T13:59:40Z', '2026-03-02T13:59:00Z')`;
    await h.dataSource.query(orphan, [retried.id]);
    await h.dataSource.query(orphan, [spent.id]);
    await h.scheduler.runUpkeep();
    await h.settle();
    expect(h.handler.calls).toEqual([
      { jobName: 'orphan-retry', scheduledFor: '2026-03-02T13:59:00.000Z', attempt: 2, trigger: 'schedule' },
    ]);
    expect((await runsOf(h, retried.id))[0]).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect((await runsOf(h, spent.id))[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/died/) });
  });

  it('pauses and resumes the whole deployment (persisted), and runs a job now on trigger', async () => {
    const { body } = await h.api().post('/jobs').send(job('pausable')).expect(201);
    await h.api().post('/scheduler/pause').expect(200);
    expect((await h.api().get('/scheduler/status')).body.paused).toBe(true);
    await h.advance(60_000);
    expect(h.handler.calls).toHaveLength(0);
    const [row] = await h.dataSource.query('SELECT paused FROM scheduler_state');
    expect(row.paused).toBe(true);
    await h.api().post('/scheduler/resume').expect(200);
    await h.advance(60_000);
    expect(h.handler.calls.map((c) => c.scheduledFor)).toEqual(['2026-03-02T14:02:00.000Z']);
    const trig = await h.api().post(`/jobs/${body.id}/trigger`).expect(202);
    expect(trig.body).toMatchObject({ jobId: body.id, trigger: 'manual', status: 'running' });
    await h.settle();
    expect(h.handler.calls.at(-1)).toMatchObject({ trigger: 'manual' });
    expect((await runsOf(h, body.id)).find((r) => r.id === trig.body.id)).toMatchObject({ status: 'succeeded' });
  });
});
