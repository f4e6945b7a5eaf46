import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { deliverOutbox } from '../support/notify-delivery.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const MINUTE = 60_000;

/** 1m bars of a steady 100 up to well past T0 (the fake cuts them at its clock). */
function steady(): Bar[] {
  return Array.from({ length: 400 }, (_, i) => {
    const openTime = T0 - 300 * MINUTE + i * MINUTE;
    return { openTime, closeTime: openTime + MINUTE - 1, open: 100, high: 100, low: 100, close: 100, volume: 1 };
  });
}

const alertJob = (name: string, symbol: string, notify: Record<string, unknown>) => ({
  name,
  type: 'alert',
  schedule: { bar: '1m', delaySeconds: 0 },
  retry: { maxAttempts: 1, backoffSeconds: 0 },
  notify,
  alert: {
    symbol,
    provider: 'binance',
    timeframe: '1m',
    rule: { gt: [{ field: 'close' }, { value: 1000 }] },
    notify: { channels: ['telegram'] },
  },
});

describe('job notifications of batched alert runs and of runs whose replica died (CONTRACT §8)', () => {
  const clock = new ManualClock(T0);
  const binance = new FakeBinanceServer({ clock });
  let notify: FakeNotifyServer;
  let h: SchedulerHarness;

  const delivered = () => deliverOutbox(h);
  const jobNotes = (jobId: string) => notify.requests.filter((r) => r.json?.jobId === jobId);
  const runsOf = async (jobId: string) =>
    (await h.api().get(`/jobs/${jobId}/runs?limit=50`).expect(200)).body.items as Array<Record<string, any>>;

  beforeAll(async () => {
    binance.setBars('BTCUSDT', '1m', steady());
    binance.setBars('ETHUSDT', '1m', steady());
    await binance.start();
    notify = await FakeNotifyServer.start();
    h = await startSchedulerHarness({
      clock,
      env: { BINANCE_BASE_URL: binance.baseUrl, NOTIFY_URL: notify.url, PROVIDER_PRIORITY: 'binance' },
    });
  }, 180_000);
  afterAll(async () => {
    await h.close();
    await binance.stop();
    await notify.close();
  });

  it('alert runs claimed and run as one batch each notify their own outcome, once per run', async () => {
    const a = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('btc-watch', 'BTCUSDT', { onSuccess: true }))
        .expect(201)
    ).body.id as string;
    const b = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('eth-watch', 'ETHUSDT', { onSuccess: true }))
        .expect(201)
    ).body.id as string;
    const quiet = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('quiet-watch', 'BTCUSDT', { onFailure: true }))
        .expect(201)
    ).body.id as string;
    await h.advance(MINUTE); // 14:01: one bar closes for the three alerts, claimed and run together
    await delivered();
    for (const id of [a, b, quiet]) expect((await runsOf(id)).map((r) => r.status)).toEqual(['succeeded']);
    const [runA] = await runsOf(a);
    const [runB] = await runsOf(b);
    expect(jobNotes(a).map((r) => r.json.idempotencyKey)).toEqual([`${a}:${runA.scheduledFor}:job.succeeded`]);
    expect(jobNotes(b).map((r) => r.json.idempotencyKey)).toEqual([`${b}:${runB.scheduledFor}:job.succeeded`]);
    expect(jobNotes(a)[0].json).toMatchObject({ type: 'job.succeeded', jobType: 'alert', runId: runA.id });
    expect(jobNotes(quiet)).toEqual([]); // onSuccess not asked
  });

  it('a failing alert run of a batch is notified once, after its retries, and its batch mates are not', async () => {
    const failing = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('nope-watch', 'NOPEUSDT', { onFailure: true }))
        .expect(201)
    ).body.id as string;
    const fine = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('btc-fine', 'BTCUSDT', { onFailure: true }))
        .expect(201)
    ).body.id as string;
    await h.advance(MINUTE);
    await delivered();
    const [run] = await runsOf(failing);
    expect(run.status).toBe('failed');
    expect(jobNotes(failing).map((r) => r.json.idempotencyKey)).toEqual([`${failing}:${run.scheduledFor}:job.failed`]);
    expect(jobNotes(fine)).toEqual([]);
  });

  it('a run whose replica died is notified exactly once: failed by the taker with no attempts left, or after its retry', async () => {
    await h.api().post('/scheduler/pause').expect(200); // only the orphans run here
    try {
      h.handler.behaviour = async () => {
        throw new Error('platform down');
      };
      const create = async (name: string, maxAttempts: number) =>
        (
          await h
            .api()
            .post('/jobs')
            .send({
              name,
              type: 'cleanup',
              schedule: { every: 3600 },
              retry: { maxAttempts, backoffSeconds: 0 },
              notify: { onFailure: true },
            })
            .expect(201)
        ).body.id as string;
      const spent = await create('orphan-spent', 1);
      const retried = await create('orphan-retried', 2);
      const orphan = `INSERT INTO job_runs (job_id, scheduled_for, status, attempt, instance_id, lease_until, started_at)
                      VALUES ($1, $2, 'running', 1, 'dead-pod-1', $3, $2)`;
      const at = new Date(clock.now() - 2 * MINUTE).toISOString();
      const expired = new Date(clock.now() - MINUTE).toISOString();
      await h.dataSource.query(orphan, [spent, at, expired]);
      await h.dataSource.query(orphan, [retried, at, expired]);
      await h.scheduler.runUpkeep();
      await delivered();
      await h.scheduler.runUpkeep(); // a second upkeep finds nothing left to take over
      await delivered();
      const [spentRun] = await runsOf(spent);
      const [retriedRun] = await runsOf(retried);
      expect(spentRun).toMatchObject({ status: 'failed', attempt: 2, error: expect.stringMatching(/died/) });
      expect(retriedRun).toMatchObject({ status: 'failed', attempt: 2, error: 'platform down' });
      expect(jobNotes(spent).map((r) => [r.json.type, r.json.runId])).toEqual([['job.failed', spentRun.id]]);
      expect(jobNotes(retried).map((r) => [r.json.type, r.json.runId, r.json.attempt])).toEqual([
        ['job.failed', retriedRun.id, 2],
      ]);
    } finally {
      await h.api().post('/scheduler/resume').expect(200);
    }
  });
});
