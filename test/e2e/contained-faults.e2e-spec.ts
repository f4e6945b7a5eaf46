import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { FakeYahooServer } from '../fakes/vendors/yahoo.fake.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const PER_SYMBOL = 10;

/** 30 symbols: 26 that answer, one held (slow) until the test lets it answer, one answering 500, two Binance does not list. */
const GOOD = Array.from({ length: 26 }, (_, i) => `G${String(i).padStart(2, '0')}USDT`);
const SLOW = 'SLOWUSDT';
const FIVE = 'FIVEUSDT';
const UNKNOWN = 'NOPEUSDT';
const UNKNOWN_PINNED = 'NADAUSDT';
const SYMBOLS = [...GOOD, SLOW, FIVE, UNKNOWN, UNKNOWN_PINNED];

/** 1m bars from 400 minutes before T0 to 30 after, all closing above 100. */
function series(seed: number): Bar[] {
  return Array.from({ length: 430 }, (_, i) => {
    const openTime = T0 - 400 * MIN + i * MIN;
    const close = 100 + seed + Math.sin(i / 7) * 5;
    return {
      openTime,
      closeTime: openTime + MIN - 1,
      open: close - 1,
      high: close + 1,
      low: close - 2,
      close,
      volume: 10,
    };
  });
}

/** Each alert's rule is true on every bar: it fires at its first evaluated bar and stays triggered (one notification). */
const alertJob = (symbol: string, k: number) => ({
  name: `${symbol.toLowerCase()}-${k}`,
  type: 'alert',
  schedule: { bar: '1m', delaySeconds: 0 },
  retry: { maxAttempts: 3, backoffSeconds: 1 },
  alert: {
    symbol,
    ...(symbol === UNKNOWN_PINNED || k % 2 === 0 ? { provider: 'binance' } : {}),
    timeframe: '1m',
    rule: { gt: [{ field: 'close' }, { value: k }] },
    notify: { channels: ['telegram'], recipient: `chat-${k}` },
  },
});

/**
 * Polls (real time, generously: the machine is shared) until `done()` holds. Manual time moves
 * 500 ms a turn meanwhile: Binance's rate limiter (20 requests a second) refills on that clock, and
 * a first pass over 30 symbols asks for more than one second's worth.
 */
async function until(h: SchedulerHarness, done: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await h.settle();
    await h.get(NotificationDispatcher).whenIdle();
    if (done()) return;
    if (Date.now() > deadline) {
      const runs = await h.dataSource.query('SELECT status, count(*)::int AS n FROM job_runs GROUP BY status');
      throw new Error(`timed out waiting for ${what} (runs: ${JSON.stringify(runs)})`);
    }
    h.clock.advance(500);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Keys the endpoint acknowledged, with how many times each. */
function delivered(notify: FakeNotifyServer): Map<string, number> {
  const counts = new Map<string, number>();
  notify.requests.forEach((r, i) => {
    const status = notify.statusOf(i);
    if (status < 200 || status >= 300) return;
    const key = String(r.headers['idempotency-key']);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

describe('contained faults: series that cannot be loaded fail only their own alerts (issue 12)', () => {
  let clock: ManualClock;
  let binance: FakeBinanceServer;
  /** Keyless, so enabled too: the chain asks it for what Binance does not list (it has nothing either). */
  let yahoo: FakeYahooServer;
  let notify: FakeNotifyServer;
  let h: SchedulerHarness;
  const ids = new Map<string, string[]>();

  beforeAll(async () => {
    clock = new ManualClock(T0 - 500);
    binance = new FakeBinanceServer({ clock });
    [...GOOD, SLOW, FIVE].forEach((s, i) => binance.setBars(s, '1m', series(i)));
    await binance.start();
    yahoo = new FakeYahooServer({ clock });
    await yahoo.start();
    notify = await FakeNotifyServer.start();
    h = await startSchedulerHarness({
      clock,
      env: {
        BINANCE_BASE_URL: binance.baseUrl,
        YAHOO_BASE_URL: yahoo.baseUrl,
        NOTIFY_URL: notify.url,
        PROVIDER_PRIORITY: 'binance',
        DATA_TIMEOUT: '60',
      },
    });
    clock.set(T0);
    const jobs = SYMBOLS.flatMap((s) => Array.from({ length: PER_SYMBOL }, (_, k) => alertJob(s, k)));
    const created = await h.api().post('/jobs/bulk').send({ jobs }).expect(201);
    expect(created.body.created).toBe(300);
    jobs.forEach((j, i) => ids.set(j.alert.symbol, [...(ids.get(j.alert.symbol) ?? []), created.body.ids[i]]));
    await h.scheduler.reload();
  }, 60_000);

  afterAll(async () => {
    binance?.release(SLOW);
    await h?.close();
    await binance?.stop();
    await yahoo?.stop();
    await notify?.close();
  });

  /** To the close of bar T0 + (n − 1) minutes: its alerts are due (`until` moved the clock a little on, never a bar). */
  const atBar = (n: number) => {
    expect(clock.now()).toBeLessThan(T0 + n * MIN);
    clock.set(T0 + n * MIN);
  };
  const keysOf = (symbols: string[], bar: number) =>
    symbols.flatMap((s) => ids.get(s)!.map((id) => `${id}:${new Date(bar).toISOString()}`)).sort();
  const eventsOf = async (symbol: string, type: string) =>
    (
      await h.dataSource.query(
        `SELECT job_id, bar_time, error FROM alert_events WHERE job_id = ANY($1::uuid[]) AND type = $2 ORDER BY bar_time`,
        [ids.get(symbol), type],
      )
    ).map((r: { job_id: string; bar_time: Date; error: string | null }) => ({ ...r, bar_time: new Date(r.bar_time) }));

  it('every other alert notifies exactly once, the slow symbol holds only its own, each bad alert has one error event', async () => {
    binance.failSymbol(FIVE, {
      kind: 'status',
      status: 500,
      body: '{"code":-1000,"msg":"An unknown error occurred."}',
    });
    binance.hold(SLOW);
    // The bar T0 closes: 300 alerts due in one pass.
    atBar(1);
    const good = keysOf(GOOD, T0);
    await until(h, () => good.every((k) => delivered(notify).has(k)), 'the good symbols’ notifications');
    // Delivered while SLOW's answer is still held: its load held only its own alerts.
    expect(binance.heldCount(SLOW)).toBeGreaterThan(0);
    expect([...delivered(notify).keys()].sort()).toEqual(good);

    binance.release(SLOW);
    const withSlow = keysOf([...GOOD, SLOW], T0);
    await until(h, () => delivered(notify).size >= withSlow.length, 'the slow symbol’s notifications');

    // Two more bars: the good alerts stay triggered (no new notification), the bad ones stay in their episode.
    for (const n of [2, 3]) {
      atBar(n);
      await until(h, () => !h.executor.busy, 'the pass');
    }
    const got = delivered(notify);
    expect([...got.keys()].sort()).toEqual(withSlow);
    expect([...got.values()].every((n) => n === 1)).toBe(true);

    for (const symbol of [FIVE, UNKNOWN, UNKNOWN_PINNED]) {
      const errors = await eventsOf(symbol, 'error');
      // One per alert, at the first bar that could not be evaluated, not one per bar.
      expect(errors.map((e: { job_id: string }) => e.job_id).sort()).toEqual([...ids.get(symbol)!].sort());
      expect(errors.every((e: { bar_time: Date }) => e.bar_time.getTime() === T0)).toBe(true);
    }
    expect((await eventsOf(UNKNOWN, 'error'))[0].error).toMatch(
      /NOPEUSDT at 1m was not found at (binance|any provider)/,
    );
    expect((await eventsOf(UNKNOWN_PINNED, 'error'))[0].error).toMatch(/NADAUSDT at 1m was not found at binance/);
    expect((await eventsOf(FIVE, 'error'))[0].error).toMatch(/FIVEUSDT 1m is unavailable.*binance: transient/);
    // In the service's words: no vendor body or URL.
    for (const symbol of [FIVE, UNKNOWN])
      expect((await eventsOf(symbol, 'error'))[0].error).not.toMatch(/msg|http:|Invalid symbol|unknown error/);

    // The bad alerts' runs failed with the reason, once each (no retries), and none is left running.
    const runs = await h.dataSource.query(
      `SELECT j.config->>'symbol' AS symbol, r.status, r.attempt, r.error FROM job_runs r JOIN jobs j ON j.id = r.job_id`,
    );
    expect(runs.filter((r: { status: string }) => r.status === 'running')).toEqual([]);
    const bad = runs.filter((r: { symbol: string }) => [FIVE, UNKNOWN, UNKNOWN_PINNED].includes(r.symbol));
    expect(bad).toHaveLength(3 * PER_SYMBOL * 3);
    expect(bad.every((r: { status: string; attempt: number }) => r.status === 'failed' && r.attempt === 1)).toBe(true);
    expect(bad.find((r: { symbol: string }) => r.symbol === UNKNOWN_PINNED).error).toMatch(/not found at binance/);
    const others = runs.filter((r: { symbol: string }) => ![FIVE, UNKNOWN, UNKNOWN_PINNED].includes(r.symbol));
    expect(others).toHaveLength(27 * PER_SYMBOL * 3);
    expect(others.every((r: { status: string }) => r.status === 'succeeded')).toBe(true);

    // The API answers about them without a 5xx; /health names the failing series.
    const id = ids.get(UNKNOWN)![0];
    const events = await h.api().get(`/jobs/${id}/events`).expect(200);
    expect(events.body.items).toEqual([
      expect.objectContaining({ type: 'error', barTime: new Date(T0).toISOString(), error: expect.any(String) }),
    ]);
    const runsView = await h.api().get(`/jobs/${id}/runs`).expect(200);
    expect(runsView.body.items[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/not found/) });
    const health = await h.api().get('/health').expect(200);
    expect(health.body.issues.join('\n')).toMatch(/market data unavailable: .*NOPEUSDT/);
  }, 120_000);

  it('a series that loads again ends the episode: its alerts evaluate every bar they missed, and a new failure is a new error event', async () => {
    const before = delivered(notify).size;
    binance.recoverSymbol(FIVE);
    atBar(4);
    // FIVE's alerts step the bars they missed from their first: the rule was true at T0, so they fire there, once each.
    const fives = keysOf([FIVE], T0);
    await until(h, () => fives.every((k) => delivered(notify).has(k)), 'the recovered symbol’s notifications');
    expect(delivered(notify).size).toBe(before + PER_SYMBOL);

    binance.failSymbol(FIVE, { kind: 'status', status: 503 });
    atBar(5);
    await until(h, () => !h.executor.busy, 'the pass');
    atBar(6);
    await until(h, () => !h.executor.busy, 'the pass');
    const errors = await eventsOf(FIVE, 'error');
    expect(errors).toHaveLength(2 * PER_SYMBOL);
    const second = errors.filter((e: { bar_time: Date }) => e.bar_time.getTime() > T0);
    expect(second).toHaveLength(PER_SYMBOL);
    expect(second.every((e: { bar_time: Date }) => e.bar_time.getTime() === T0 + 4 * MIN)).toBe(true);
    // Nothing else was notified twice meanwhile.
    expect([...delivered(notify).values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
