import { buildDigest, chunkDigestItems, digestKey } from './digest.js';
import { toPayload, wireBody, type NotificationInput, type NotificationPayload } from './notification-payload.js';

const JOB = '6f1c1f3e-3c2a-4d6b-9a1e-2f5d8c7b9a10';

function item(minute: number, extra: Partial<NotificationInput> = {}): NotificationPayload {
  const open = Date.parse('2026-01-05T14:00:00.000Z') + minute * 60_000;
  return toPayload(
    {
      jobId: JOB,
      jobName: 'btc-rsi',
      symbol: 'BTCUSDT',
      timeframe: '1m',
      provider: 'binance',
      bar: {
        openTime: new Date(open).toISOString(),
        closeTime: new Date(open + 59_999).toISOString(),
        open: 1,
        high: 2,
        low: 0.5,
        close: 1.5,
        volume: 10,
      },
      values: { rsi_14: 28.7 },
      message: `rsi low at minute ${minute}`,
      channels: ['telegram'],
      recipient: 'chat-42',
      priority: 'normal',
      triggeredAt: new Date(open + 60_000).toISOString(),
      ...extra,
    },
    `id-${minute}`,
  );
}

describe('alert.digest', () => {
  it('lists each item with its own key, job, symbol, timeframe, bar time and message', () => {
    const items = [item(0), item(1, { priority: 'high', channels: ['telegram', 'email'] }), item(2)];
    const d = buildDigest('d-1', 'chat-42', items);
    expect(d).toMatchObject({
      id: 'd-1',
      type: 'alert.digest',
      recipient: 'chat-42',
      channels: ['telegram', 'email'],
      priority: 'high',
      count: 3,
      firstTriggeredAt: '2026-01-05T14:01:00.000Z',
      lastTriggeredAt: '2026-01-05T14:03:00.000Z',
      message: '3 alerts:\n• rsi low at minute 0\n• rsi low at minute 1\n• rsi low at minute 2',
    });
    expect(d.items.map((i) => i.idempotencyKey)).toEqual(items.map((i) => i.idempotencyKey));
    expect(d.items[1]).toEqual({
      idempotencyKey: `${JOB}:2026-01-05T14:01:00.000Z`,
      jobId: JOB,
      jobName: 'btc-rsi',
      symbol: 'BTCUSDT',
      timeframe: '1m',
      provider: 'binance',
      barTime: '2026-01-05T14:01:00.000Z',
      bar: items[1].bar,
      values: { rsi_14: 28.7 },
      message: 'rsi low at minute 1',
      triggeredAt: '2026-01-05T14:02:00.000Z',
    });
  });

  it('derives its key from its items alone: same items, same key; other items, another key', () => {
    const a = buildDigest('x', 'chat-42', [item(0), item(1)]);
    const b = buildDigest('y', 'chat-42', [item(0), item(1)]);
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
    expect(a.idempotencyKey).toMatch(/^alert\.digest:[0-9a-f]{64}$/);
    expect(a.idempotencyKey).toBe(digestKey([item(0).idempotencyKey, item(1).idempotencyKey]));
    expect(buildDigest('x', 'chat-42', [item(0), item(2)]).idempotencyKey).not.toBe(a.idempotencyKey);
  });

  it('keeps its message within the limit, saying how many more there are', () => {
    const long = Array.from({ length: 100 }, (_, i) => item(i, { message: `${'x'.repeat(80)} ${i}` }));
    const { message } = buildDigest('x', null, long);
    expect(message.length).toBeLessThanOrEqual(4000);
    expect(message).toMatch(/\n… and \d+ more$/);
    expect(message.startsWith('100 alerts:\n• ')).toBe(true);
  });

  it('is sent with its keys and its items’ keys in a fixed order, whatever order storage gave them', () => {
    const d = buildDigest('d-1', 'chat-42', [item(0), item(1)]);
    const reversed = (o: unknown): unknown =>
      o === null || typeof o !== 'object'
        ? o
        : Array.isArray(o)
          ? o.map(reversed)
          : Object.fromEntries(
              Object.entries(o)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            );
    const text = wireBody(reversed(d) as Record<string, unknown>);
    expect(text).toBe(wireBody(d as unknown as Record<string, unknown>));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'id',
      'idempotencyKey',
      'type',
      'recipient',
      'channels',
      'priority',
      'count',
      'message',
      'firstTriggeredAt',
      'lastTriggeredAt',
      'items',
    ]);
    expect(Object.keys(JSON.parse(text).items[0]).slice(0, 3)).toEqual(['idempotencyKey', 'jobId', 'jobName']);
    expect(Object.keys(JSON.parse(text).items[0].bar)[0]).toBe('openTime');
  });

  it('cuts a long wait into digests of at most 100 items, in order', () => {
    const chunks = chunkDigestItems(Array.from({ length: 250 }, (_, i) => i));
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });
});
