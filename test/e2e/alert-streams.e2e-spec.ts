import type { Bar } from '../../src/base/domain/bar.js';
import { ManualClock } from '../../src/base/time/clock.js';
import { AlertStreamTrigger, STREAM_FALLBACK_MS } from '../../src/alerts/alert-stream.trigger.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { FakeBinanceStreamServer } from '../fakes/vendors/binance-stream.fake.js';
import { btcusdt1m } from '../fakes/vendors/series.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const HISTORY = 300;
const DELAY_SECONDS = 30;

/** Real BTCUSDT minutes re-timed so that 300 closed before T0 and a few follow it. */
function series(): Bar[] {
  return btcusdt1m()
    .slice(0, HISTORY + 5)
    .map((b, i) => {
      const openTime = T0 - HISTORY * MIN + i * MIN;
      return { ...b, openTime, closeTime: openTime + MIN - 1 };
    });
}

const alertJob = (name: string, trigger: string, rule: unknown) => ({
  name,
  type: 'alert',
  schedule: { bar: '1m', delaySeconds: DELAY_SECONDS },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '1m',
    trigger,
    rule,
    notify: { channels: ['telegram'], recipient: 'chat-42' },
  },
});

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('alerts on the exchange stream (Binance kline WebSocket on loopback)', () => {
  let clock: ManualClock;
  let rest: FakeBinanceServer;
  let stream: FakeBinanceStreamServer;
  let notify: FakeNotifyServer;
  let h: SchedulerHarness;

  beforeAll(async () => {
    clock = new ManualClock(T0 + 35_000); // after the poll of the bar that closed at T0
    rest = new FakeBinanceServer({ clock });
    rest.setBars('BTCUSDT', '1m', series());
    await rest.start();
    stream = await FakeBinanceStreamServer.start();
    notify = await FakeNotifyServer.start();
    h = await startSchedulerHarness({
      clock,
      env: {
        BINANCE_BASE_URL: rest.baseUrl,
        BINANCE_WS_URL: stream.url,
        NOTIFY_URL: notify.url,
        PROVIDER_PRIORITY: 'binance',
      },
    });
  });

  afterAll(async () => {
    await h?.close();
    await rest?.stop();
    await stream?.close();
    await notify?.close();
  });

  const settle = async () => {
    await h.settle();
    await h.get(NotificationDispatcher).whenIdle();
  };
  const keys = () => notify.requests.map((r) => String(r.headers['idempotency-key']));

  it('a closed kline starts the evaluation at once; oncePerBar fires inside the bar on a live price, once', async () => {
    const atClose = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('on-close', 'oncePerBarClose', { gt: [{ field: 'close' }, { value: 0 }] }))
        .expect(201)
    ).body.id;
    const live = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('intrabar', 'oncePerBar', { gt: [{ field: 'close' }, { value: 50_000 }] }))
        .expect(201)
    ).body.id;
    await h.scheduler.reload();
    h.get(AlertStreamTrigger).refresh();
    await until('the series is streamed', () => stream.subscribed().includes('btcusdt@kline_1m'));

    // Bar T0 closes: the exchange says so at T0 + 60 s; the poll would come 30 s later.
    clock.set(T0 + MIN);
    const closedBar = series()[HISTORY];
    expect(stream.emitKline('BTCUSDT', '1m', closedBar, true)).toBe(1);
    await until('the early fire', () => h.get(AlertStreamTrigger).counts.earlyFires === 2);
    await settle();
    expect(keys()).toEqual([`${atClose}:${new Date(T0).toISOString()}`]);
    expect(notify.requests[0].json.bar.close).toBe(closedBar.close);
    const runs = (await h.api().get(`/jobs/${atClose}/runs`).expect(200)).body.items;
    expect(runs).toHaveLength(1);
    // The run keeps its nominal fire time (close + delay): its identity across replicas is unchanged.
    expect(runs[0]).toMatchObject({
      scheduledFor: new Date(T0 + MIN + DELAY_SECONDS * 1000).toISOString(),
      status: 'succeeded',
    });
    expect(Date.parse(runs[0].startedAt)).toBe(T0 + MIN);

    // Inside the next bar the price goes over 50,000 on a live update: oncePerBar fires now.
    clock.set(T0 + MIN + 10_000);
    const forming = { ...series()[HISTORY + 1], close: 60_000, high: 60_000 };
    stream.emitKline('BTCUSDT', '1m', forming, false);
    await until('the live pass', () => h.get(AlertStreamTrigger).counts.livePasses === 1);
    await settle();
    expect(keys()).toContain(`${live}:${new Date(T0 + MIN).toISOString()}`);
    const intrabar = notify.requests.find((r) => r.json.jobId === live)!;
    expect(intrabar.json.bar.close).toBe(60_000);

    // Still over 50,000 two seconds later: once per bar, so nothing more.
    clock.set(T0 + MIN + 12_000);
    stream.emitKline('BTCUSDT', '1m', { ...forming, close: 61_000, high: 61_000 }, false);
    await until('the second live pass', () => h.get(AlertStreamTrigger).counts.livePasses === 2);
    await settle();

    // The poll's time for bar T0 passes: it was handed over already, so it does not run again.
    clock.set(T0 + MIN + DELAY_SECONDS * 1000 + 1_000);
    await settle();
    expect((await h.api().get(`/jobs/${atClose}/runs`).expect(200)).body.items).toHaveLength(1);
    expect(keys().filter((k) => k.startsWith(live))).toHaveLength(1);
    expect(keys().filter((k) => k.startsWith(atClose))).toHaveLength(1);
  }, 60_000);

  it('when no closed kline comes (a quiet or broken stream), the poll at close + delay still evaluates the bar', async () => {
    const before = notify.requests.length;
    const id = (
      await h
        .api()
        .post('/jobs')
        .send(alertJob('poll-fallback', 'oncePerBarClose', { gt: [{ field: 'close' }, { value: 0 }] }))
        .expect(201)
    ).body.id;
    await h.scheduler.reload();
    h.get(AlertStreamTrigger).refresh();
    // The first bar to close after the alert was created: T0 + 1m, closing at T0 + 2m. No kline for it
    // ever comes; its poll is at + 30 s.
    clock.set(T0 + 2 * MIN + DELAY_SECONDS * 1000 - 1);
    await settle();
    expect(notify.requests.slice(before).filter((r) => r.json.jobId === id)).toHaveLength(0);
    clock.set(T0 + 2 * MIN + DELAY_SECONDS * 1000 + STREAM_FALLBACK_MS); // the poll, held back while the stream is up
    await settle();
    const mine = notify.requests.slice(before).filter((r) => r.json.jobId === id);
    expect(mine.map((r) => r.headers['idempotency-key'])).toEqual([`${id}:${new Date(T0 + MIN).toISOString()}`]);
  }, 60_000);
});
