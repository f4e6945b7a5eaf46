import { notificationKey, toPayload, wireBody, type NotificationInput } from './notification-payload.js';

const input: NotificationInput = {
  jobId: '6f1c1f3e-3c2a-4d6b-9a1e-2f5d8c7b9a10',
  jobName: 'btc-rsi',
  symbol: 'BTCUSDT',
  timeframe: '15m',
  provider: 'binance',
  bar: {
    openTime: '2026-01-05T14:00:00.000Z',
    closeTime: '2026-01-05T14:14:59.999Z',
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 10,
  },
  values: { rsi_14: 28.7 },
  message: 'hi',
  channels: ['telegram'],
  recipient: 'chat-42',
  priority: 'high',
  triggeredAt: '2026-01-05T14:15:02.000Z',
};

describe('notification payload', () => {
  it('keys a notification by job and bar open time', () => {
    expect(notificationKey(input.jobId, Date.parse('2026-01-05T14:00:00Z'))).toBe(
      `${input.jobId}:2026-01-05T14:00:00.000Z`,
    );
    expect(toPayload(input, 'id-1')).toMatchObject({
      id: 'id-1',
      idempotencyKey: `${input.jobId}:2026-01-05T14:00:00.000Z`,
      type: 'alert.triggered',
    });
  });

  it('sends the keys in the contract order whatever order storage gave them', () => {
    const payload = toPayload(input, 'id-1');
    const shuffled = Object.fromEntries(
      Object.entries(payload)
        .reverse()
        .map(([k, v]) => [k, k === 'bar' ? Object.fromEntries(Object.entries(v as object).reverse()) : v]),
    );
    const text = wireBody(shuffled);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'id',
      'idempotencyKey',
      'type',
      'jobId',
      'jobName',
      'symbol',
      'timeframe',
      'provider',
      'bar',
      'values',
      'message',
      'channels',
      'recipient',
      'priority',
      'triggeredAt',
    ]);
    expect(Object.keys(JSON.parse(text).bar)).toEqual([
      'openTime',
      'closeTime',
      'open',
      'high',
      'low',
      'close',
      'volume',
    ]);
    expect(JSON.parse(text)).toEqual(payload);
  });
});
