import { AlertEngine } from '../../src/alerts/alert-engine.service.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { ManualClock } from '../../src/base/time/clock.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { btcusdt1m } from '../fakes/vendors/series.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
/** The bar close the pass evaluates: the 1m bar [T0 − 1 min, T0) has just closed. */
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const HISTORY = 300;

/** 300 real BTCUSDT minutes re-timed to end at T0. */
function series(): Bar[] {
  return btcusdt1m()
    .slice(0, HISTORY)
    .map((b, i) => {
      const openTime = T0 - (HISTORY - i) * MINUTE;
      return { ...b, openTime, closeTime: openTime + MINUTE - 1 };
    });
}

const alert = (name: string, rule: unknown) => ({
  name,
  type: 'alert',
  schedule: { bar: '1m', delaySeconds: 0 },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '1m',
    rule,
    notify: { channels: ['telegram'], recipient: 'chat-7' },
  },
});

/**
 * The hottest path driven directly: AlertEngine.process on real PostgreSQL or PGlite with the real
 * migrations, bars from a fake Binance on loopback. Its writes go through AlertPassRepository, which
 * owns the transaction: an alert's state, its event and its notification are committed together
 * or not at all.
 */
describe('AlertEngine.process on a real database', () => {
  let t: TestApp;
  let binance: FakeBinanceServer;
  let jobs: JobEntity[];
  const bars = series();
  const last = bars[bars.length - 1];

  beforeAll(async () => {
    // The alerts are created before the last bar opens: a bar is evaluated if it opens after its alert's creation.
    const clock = new ManualClock(T0 - 30_000);
    binance = new FakeBinanceServer({ clock });
    binance.setBars('BTCUSDT', '1m', bars);
    await binance.start();
    t = await startTestApp({
      clock,
      env: { BINANCE_BASE_URL: binance.baseUrl, PROVIDER_PRIORITY: 'binance', SCHEDULER_ENABLED: 'false' },
    });
    for (const body of [
      alert('always', { gt: [{ field: 'close' }, { value: 0 }] }),
      alert('never', { lt: [{ field: 'close' }, { value: 0 }] }),
    ])
      await t.api().post('/jobs').send(body).expect(201);
    jobs = await t.dataSource.getRepository(JobEntity).find({ order: { name: 'ASC' } });
    clock.set(T0 + 1_000);
  });

  afterAll(async () => {
    await t?.close();
    await binance?.stop();
  });

  const [alwaysAt, neverAt] = [0, 1];
  const rows = (sql: string) => t.dataSource.query(sql);

  it('writes nothing when the outbox insert fails: state, event and notification are one transaction', async () => {
    await rows('ALTER TABLE notifications RENAME TO notifications_away');
    try {
      await expect(t.get(AlertEngine).process(jobs, new Date(T0))).rejects.toThrow(/notifications/);
    } finally {
      await rows('ALTER TABLE notifications_away RENAME TO notifications');
    }
    expect(await rows('SELECT job_id FROM job_states')).toEqual([]);
    expect(await rows('SELECT job_id FROM alert_events')).toEqual([]);
    expect(await rows('SELECT id FROM notifications')).toEqual([]);
  });

  it('evaluates the closed bar once: the triggered alert gets its state, its event and one notification', async () => {
    const outcomes = await t.get(AlertEngine).process(jobs, new Date(T0));
    const closedBar = new Date(last.openTime).toISOString();
    expect(outcomes.get(jobs[alwaysAt].id)).toMatchObject({
      outcome: 'evaluated',
      provider: 'binance',
      triggered: [closedBar],
      state: 'triggered',
    });
    expect(outcomes.get(jobs[neverAt].id)).toMatchObject({ outcome: 'evaluated', triggered: [], state: 'armed' });

    // The triggered alert's state changed; the quiet one moved only its cursor (its first bar is a checkpoint).
    const states = new Map<string, unknown>(
      (await rows('SELECT job_id, rev, cursor, state FROM job_states')).map((r: any) => [r.job_id, r]),
    );
    expect(states.get(jobs[alwaysAt].id)).toEqual({
      job_id: jobs[alwaysAt].id,
      rev: 1,
      cursor: String(last.openTime),
      state: expect.objectContaining({ status: 'triggered', triggerCount: 1, lastTriggeredBarOpen: last.openTime }),
    });
    expect(states.get(jobs[neverAt].id)).toEqual({
      job_id: jobs[neverAt].id,
      rev: 1,
      cursor: String(last.openTime),
      state: null,
    });
    const events = await rows('SELECT job_id, type, from_status, to_status, bar_time FROM alert_events');
    expect(events).toEqual([
      {
        job_id: jobs[alwaysAt].id,
        type: 'triggered',
        from_status: 'armed',
        to_status: 'triggered',
        bar_time: new Date(last.openTime),
      },
    ]);
    const outbox = await rows('SELECT job_id, status, payload FROM notifications');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ job_id: jobs[alwaysAt].id, status: 'pending' });
    expect(outbox[0].payload).toMatchObject({ symbol: 'BTCUSDT', timeframe: '1m', provider: 'binance' });
  });

  it('a second pass on the same bar (a retry, another replica) writes nothing more', async () => {
    await t.get(AlertEngine).process(jobs, new Date(T0));
    expect(await rows('SELECT count(*)::int AS n FROM alert_events')).toEqual([{ n: 1 }]);
    expect(await rows('SELECT count(*)::int AS n FROM notifications')).toEqual([{ n: 1 }]);
    expect(await rows('SELECT rev FROM job_states')).toEqual([{ rev: 1 }, { rev: 1 }]);
  });
});
