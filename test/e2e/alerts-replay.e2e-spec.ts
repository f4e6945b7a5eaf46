import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { btcusdt1m } from '../fakes/vendors/series.js';
import { freshDatabase, SERVER_URL } from '../support/database.js';
import { crossesAbove, crossesBelow, emaRef, expectedFires, rsiRef, smaRef } from '../support/reference-indicators.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const HISTORY = 300;
const STEPS = 120;

/** The first 420 real BTCUSDT minutes, re-timed as 1-second bars: 300 of history before T0, then the replay. */
function replaySeries(): Bar[] {
  return btcusdt1m()
    .slice(0, HISTORY + STEPS)
    .map((b, i) => {
      const openTime = T0 - HISTORY * 1000 + i * 1000;
      return { ...b, openTime, closeTime: openTime + 999 };
    });
}

const alert = (name: string, rule: unknown) => ({
  name,
  type: 'alert',
  schedule: { bar: '1s', delaySeconds: 0 },
  retry: { maxAttempts: 3, backoffSeconds: 1 },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '1s',
    rule,
    lookbackBars: 1000,
    notify: { channels: ['telegram'], recipient: 'chat-42' },
  },
});

const ALERTS = [
  alert('close-x-sma10', { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 10 } }] }),
  alert('rsi-x-50', { crossesBelow: [{ indicator: 'rsi', params: { period: 14 } }, { value: 50 }] }),
  alert('close-over-ema20', { gt: [{ field: 'close' }, { indicator: 'ema', params: { period: 20 } }] }),
];

/** Which (alert, bar) pairs must notify: computed from the same series with the reference definitions. */
function expectedKeys(bars: Bar[], ids: Record<string, string>): string[] {
  const close = bars.map((b) => b.close);
  const sma10 = smaRef(close, 10);
  const rsi14 = rsiRef(close, 14);
  const ema20 = emaRef(close, 20);
  const fifty = close.map(() => 50);
  // Evaluated: every bar that closes after the alerts were created at T0, up to the last fire time.
  const evaluated = bars
    .map((b, i) => [b, i] as const)
    .filter(([b]) => b.openTime >= T0 && b.openTime < T0 + (STEPS - 1) * 1000)
    .map(([, i]) => i);
  const rules: Record<string, (i: number) => boolean> = {
    'close-x-sma10': (i) => crossesAbove(close, sma10, i),
    'rsi-x-50': (i) => crossesBelow(rsi14, fifty, i),
    'close-over-ema20': (i) => ema20[i] != null && close[i] > (ema20[i] as number),
  };
  return Object.entries(rules)
    .flatMap(([name, rule]) =>
      expectedFires(rule, evaluated).map((i) => `${ids[name]}:${new Date(bars[i].openTime).toISOString()}`),
    )
    .sort();
}

interface World {
  clock: ManualClock;
  binance: FakeBinanceServer;
  notify: FakeNotifyServer;
  replicas: SchedulerHarness[];
  ids: Record<string, string>;
}

async function startWorld(replicas: number): Promise<World> {
  const clock = new ManualClock(T0 - 500);
  const binance = new FakeBinanceServer({ clock });
  binance.setBars('BTCUSDT', '1s', replaySeries());
  await binance.start();
  const notify = await FakeNotifyServer.start();
  const db = await freshDatabase();
  const env = { BINANCE_BASE_URL: binance.baseUrl, NOTIFY_URL: notify.url, PROVIDER_PRIORITY: 'binance' };
  const hs: SchedulerHarness[] = [];
  for (let i = 0; i < replicas; i++) hs.push(await startSchedulerHarness({ clock, db, env }));
  clock.set(T0);
  const ids: Record<string, string> = {};
  for (const body of ALERTS) ids[body.name] = (await hs[0].api().post('/jobs').send(body).expect(201)).body.id;
  for (const h of hs) await h.scheduler.reload();
  return { clock, binance, notify, replicas: hs, ids };
}

async function step(w: World, ms: number): Promise<void> {
  w.clock.advance(ms);
  await Promise.all(w.replicas.map((h) => h.settle()));
  await Promise.all(w.replicas.map((h) => h.get(NotificationDispatcher).whenIdle()));
}

async function stopWorld(w: World): Promise<void> {
  for (const [i, h] of w.replicas.entries()) await h.close({ keepDatabase: i < w.replicas.length - 1 });
  await w.binance.stop();
  await w.notify.close();
}

/** Keys the endpoint acknowledged (2xx), with how many times each. */
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

describe('alerts end to end: a real series replayed through a fake Binance, notifications to a fake endpoint', () => {
  it('notifies exactly the (alert, bar) pairs computed independently: none missing, none extra, none twice', async () => {
    const w = await startWorld(1);
    try {
      for (let s = 0; s < STEPS; s++) await step(w, 1000);
      const got = delivered(w.notify);
      const expected = expectedKeys(replaySeries(), w.ids);
      expect(expected.length).toBeGreaterThan(10);
      expect([...got.keys()].sort()).toEqual(expected);
      expect([...got.values()].every((n) => n === 1)).toBe(true);
      const first = w.notify.requests[0].json;
      expect(first).toMatchObject({
        type: 'alert.triggered',
        symbol: 'BTCUSDT',
        timeframe: '1s',
        provider: 'binance',
        channels: ['telegram'],
        recipient: 'chat-42',
      });
      expect(first.idempotencyKey).toBe(w.notify.requests[0].headers['idempotency-key']);
      const events = await w.replicas[0].api().get(`/jobs/${w.ids['close-over-ema20']}/events?limit=500`).expect(200);
      expect(events.body.items.filter((e: { type: string }) => e.type === 'triggered')).toHaveLength(
        expected.filter((k) => k.startsWith(w.ids['close-over-ema20'])).length,
      );
    } finally {
      await stopWorld(w);
    }
  }, 240_000);

  it('loses nothing and sends nothing twice while the notify endpoint fails for 30 s', async () => {
    const w = await startWorld(1);
    try {
      w.notify.setDefault({ status: 503, body: 'maintenance' });
      for (let s = 0; s < STEPS; s++) {
        if (s === 30) w.notify.setDefault({ status: 200, body: '{"ok":true}' });
        await step(w, 1000);
      }
      for (let s = 0; s < 120 && delivered(w.notify).size < expectedKeys(replaySeries(), w.ids).length; s++)
        await step(w, 5000);
      const got = delivered(w.notify);
      expect([...got.keys()].sort()).toEqual(expectedKeys(replaySeries(), w.ids));
      expect([...got.values()].every((n) => n === 1)).toBe(true);
      expect(w.notify.requests.some((_, i) => w.notify.statusOf(i) === 503)).toBe(true);
    } finally {
      await stopWorld(w);
    }
  }, 300_000);

  (SERVER_URL ? it : it.skip)(
    'with three replicas on one database, still exactly once',
    async () => {
      const w = await startWorld(3);
      try {
        for (let s = 0; s < STEPS; s++) await step(w, 1000);
        const got = delivered(w.notify);
        expect([...got.keys()].sort()).toEqual(expectedKeys(replaySeries(), w.ids));
        expect([...got.values()].every((n) => n === 1)).toBe(true);
      } finally {
        await stopWorld(w);
      }
    },
    300_000,
  );
});
