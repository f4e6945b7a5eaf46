import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');

/** 1s bars whose close flips between 10 and 20: `close > 15` triggers every other second. */
function flappingSeries(seconds: number): Bar[] {
  return Array.from({ length: 300 + seconds }, (_, i) => {
    const openTime = T0 - 300_000 + i * 1000;
    const close = i % 2 === 0 ? 20 : 10;
    return { openTime, closeTime: openTime + 999, open: close, high: close, low: close, close, volume: 1 };
  });
}

const digested = (digestSeconds: unknown) => ({
  name: 'flapping-digested',
  type: 'alert',
  schedule: { bar: '1s', delaySeconds: 0 },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '1s',
    rule: { gt: [{ field: 'close' }, { value: 15 }] },
    floodGuard: null,
    notify: { channels: ['telegram'], recipient: 'chat-42', digestSeconds },
  },
});

/** An alert with `notify.digestSeconds` through the whole path: validation, alert pass, outbox, digest, endpoint. */
describe('alert digests end to end (CONTRACT §8 notify.digestSeconds)', () => {
  const clock = new ManualClock(T0 - 500);
  let binance: FakeBinanceServer;
  let notify: FakeNotifyServer;
  let h: SchedulerHarness;

  const step = async (seconds: number) => {
    for (let s = 0; s < seconds; s++) {
      clock.advance(1000);
      await h.settle();
      await h.get(NotificationDispatcher).whenIdle();
    }
  };

  beforeAll(async () => {
    binance = new FakeBinanceServer({ clock });
    binance.setBars('BTCUSDT', '1s', flappingSeries(200));
    await binance.start();
    notify = await FakeNotifyServer.start();
    h = await startSchedulerHarness({
      clock,
      env: { BINANCE_BASE_URL: binance.baseUrl, NOTIFY_URL: notify.url, PROVIDER_PRIORITY: 'binance' },
    });
    clock.set(T0);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await binance?.stop();
    await notify?.close();
  });

  it('refuses a digestSeconds out of range or not an integer, naming the field', async () => {
    for (const bad of [0, 5, 86_401, 1.5, '60']) {
      const res = await h.api().post('/jobs').send(digested(bad)).expect(400);
      expect(res.body.message).toEqual([
        'alert.notify.digestSeconds must be an integer from 10 to 86400 (seconds a notification may wait to be folded into a digest)',
      ]);
    }
  });

  it('a flapping alert reaches its recipient as digests, each trigger listed once, none waiting over digestSeconds', async () => {
    const id = (await h.api().post('/jobs').send(digested(10)).expect(201)).body.id as string;
    expect((await h.api().get(`/jobs/${id}`).expect(200)).body.alert.notify.digestSeconds).toBe(10);
    await h.scheduler.reload();
    await step(25);
    await h.api().post(`/jobs/${id}/pause`).send({ note: 'enough' }).expect(200);
    await step(12); // the last wait runs out

    expect(notify.requests.filter((r) => r.json.type !== 'alert.digest')).toEqual([]);
    const digests = notify.requests.map((r) => r.json);
    expect(digests.length).toBeGreaterThanOrEqual(2);
    const listed = digests.flatMap((d) => d.items.map((i: { idempotencyKey: string }) => i.idempotencyKey));
    const rows = (await h.api().get(`/notifications?jobId=${id}&limit=500`).expect(200)).body.items;
    expect(rows.length).toBeGreaterThanOrEqual(10); // a trigger every other second for 25 s
    expect([...listed].sort()).toEqual(rows.map((r: { idempotencyKey: string }) => r.idempotencyKey).sort());
    expect(new Set(listed).size).toBe(listed.length);
    expect(rows.every((r: { status: string; digestId: string }) => r.status === 'sent' && r.digestId)).toBe(true);

    const all = (await h.api().get('/notifications?limit=500').expect(200)).body.items;
    for (const d of digests) {
      const digestRow = all.find((r: { idempotencyKey: string }) => r.idempotencyKey === d.idempotencyKey);
      const items = rows.filter((r: { digestId: string }) => r.digestId === digestRow.id);
      expect(items).toHaveLength(d.count);
      const firstWritten = Math.min(...items.map((r: { createdAt: string }) => Date.parse(r.createdAt)));
      expect(Date.parse(digestRow.createdAt) - firstWritten).toBeLessThanOrEqual(11_000); // 10 s, and the 1 s step
    }
    const job = (await h.api().get(`/jobs/${id}`).expect(200)).body;
    expect(job.counters.notified).toBe(rows.length);
    expect(job.counters.delivered).toBe(rows.length);
  }, 180_000);
});
