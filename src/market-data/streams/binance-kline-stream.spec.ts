import { afterEach, describe, expect, it } from '@jest/globals';

import { FakeBinanceStreamServer } from '../../../test/fakes/vendors/binance-stream.fake.js';
import { SystemClock } from '../../base/time/clock.js';
import { RealTimers } from '../../base/time/timers.js';
import type { Bar } from '../../base/domain/bar.js';
import { BINANCE_STREAM_LIMITS, BinanceKlineStream, type KlineStreamLimits } from './binance-kline-stream.js';
import type { KlineUpdate, StreamSeries } from './kline-message.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 4, 12, 0);

function bar(openTime: number, close: number, ms = MIN): Bar {
  return {
    openTime,
    closeTime: openTime + ms - 1,
    open: close - 1,
    high: close + 1,
    low: close - 2,
    close,
    volume: 10,
  };
}

/** Waits for a condition the stream reaches by itself (a connection, a message), never a fixed sleep. */
async function until(what: string, ok: () => boolean, timeoutMs = 5_000): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('BinanceKlineStream against a Binance-compatible stream server on loopback', () => {
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });

  async function setUp(limits: Partial<KlineStreamLimits> = {}, server: { pingIntervalMs?: number } = {}) {
    const fake = await FakeBinanceStreamServer.start(server);
    open.push(fake);
    const klines: KlineUpdate[] = [];
    const resyncs: StreamSeries[][] = [];
    const stream = new BinanceKlineStream(
      fake.url,
      { onKline: (u) => klines.push(u), onResync: (s) => resyncs.push(s) },
      new SystemClock(),
      new RealTimers(),
      { ...BINANCE_STREAM_LIMITS, reconnectBaseMs: 20, reconnectMaxMs: 100, ...limits },
    );
    open.push(stream);
    return { fake, stream, klines, resyncs };
  }

  it('subscribes the series it is given, hands on each close once and live updates at most once a second', async () => {
    const { fake, stream, klines, resyncs } = await setUp();
    stream.setSeries([
      { symbol: 'BTCUSDT', timeframe: '1m' },
      { symbol: 'ETHUSDT', timeframe: '5m' },
    ]);
    await until('both streams subscribed', () => fake.subscribed().length === 2);
    expect(fake.subscribed()).toEqual(['btcusdt@kline_1m', 'ethusdt@kline_5m']);
    expect(resyncs).toEqual([
      [
        { symbol: 'BTCUSDT', timeframe: '1m' },
        { symbol: 'ETHUSDT', timeframe: '5m' },
      ],
    ]);

    fake.emitKline('BTCUSDT', '1m', bar(T0, 100), false);
    fake.emitKline('BTCUSDT', '1m', bar(T0, 101), false); // within the same second: throttled
    fake.emitKline('BTCUSDT', '1m', bar(T0, 102), true);
    fake.emitKline('BTCUSDT', '1m', bar(T0, 102), true); // the same close again: not handed on twice
    fake.emitKline('ETHUSDT', '5m', bar(T0, 2000, 5 * MIN), true);
    await until('three updates', () => klines.length >= 3);
    await new Promise((r) => setTimeout(r, 50)); // any straggler would have arrived by now
    expect(klines.map((k) => [k.symbol, k.timeframe, k.bar.close, k.closed])).toEqual([
      ['BTCUSDT', '1m', 100, false],
      ['BTCUSDT', '1m', 102, true],
      ['ETHUSDT', '5m', 2000, true],
    ]);
    expect(klines[1].bar).toEqual(bar(T0, 102));
  });

  it('unsubscribes series that go away and ignores their late frames', async () => {
    const { fake, stream, klines } = await setUp();
    stream.setSeries([
      { symbol: 'BTCUSDT', timeframe: '1m' },
      { symbol: 'ETHUSDT', timeframe: '1m' },
    ]);
    await until('subscribed', () => fake.subscribed().length === 2);
    stream.setSeries([{ symbol: 'ETHUSDT', timeframe: '1m' }]);
    await until('unsubscribed', () => fake.subscribed().length === 1);
    expect(fake.subscribed()).toEqual(['ethusdt@kline_1m']);
    expect(fake.control.at(-1)).toMatchObject({ method: 'UNSUBSCRIBE', params: ['btcusdt@kline_1m'] });
    fake.emitKline('ETHUSDT', '1m', bar(T0, 5), true);
    await until('eth close', () => klines.length === 1);
    expect(klines[0].symbol).toBe('ETHUSDT');
  });

  it('spreads streams over connections of at most the per-connection limit, pacing control messages', async () => {
    const { fake, stream } = await setUp({ streamsPerConnection: 4, namesPerMessage: 1, controlMessagesPerSecond: 3 });
    const series = Array.from({ length: 10 }, (_, i) => ({ symbol: `S${i}USDT`, timeframe: '1m' as const }));
    stream.setSeries(series);
    await until('all ten subscribed', () => fake.subscribed().length === 10, 8_000);
    expect(fake.streamsPerConnection().sort()).toEqual([2, 4, 4]);
    for (const connection of [1, 2, 3]) {
      const times = fake.control.filter((c) => c.connection === connection).map((c) => c.at);
      for (let i = 3; i < times.length; i++) {
        expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(1_000); // never 4 messages within one second, as the server counts
      }
    }
    expect(stream.stats).toMatchObject({ connections: 3, open: 3, streams: 10 });
  });

  it('after a connection drops mid-bar: reconnects, resubscribes, asks for a backfill, and a close is handed on once', async () => {
    const { fake, stream, klines, resyncs } = await setUp();
    stream.setSeries([{ symbol: 'BTCUSDT', timeframe: '1m' }]);
    await until('subscribed', () => fake.subscribed().length === 1);
    fake.emitKline('BTCUSDT', '1m', bar(T0, 100), true);
    await until('first close', () => klines.length === 1);

    fake.emitKline('BTCUSDT', '1m', bar(T0 + MIN, 150), false);
    await until('live update', () => klines.length === 2);
    fake.dropAll(); // in the middle of the bar
    await until('reconnected and resubscribed', () => fake.connectionsOpened === 2 && fake.subscribed().length === 1);
    expect(resyncs).toHaveLength(2); // the first connect, then the reconnect: the owner backfills through REST
    expect(stream.stats.reconnects).toBe(1);

    fake.emitKline('BTCUSDT', '1m', bar(T0, 100), true); // a close already handed on: dropped
    fake.emitKline('BTCUSDT', '1m', bar(T0 + MIN, 151), true);
    await until('the next close', () => klines.some((k) => k.closed && k.bar.openTime === T0 + MIN));
    await new Promise((r) => setTimeout(r, 50));
    expect(klines.filter((k) => k.closed).map((k) => k.bar.openTime)).toEqual([T0, T0 + MIN]);
  });

  it('replaces a connection that went silent (no frame and no ping for stallMs)', async () => {
    const { fake, stream, resyncs } = await setUp({ stallMs: 300 }, { pingIntervalMs: 50 });
    stream.setSeries([{ symbol: 'BTCUSDT', timeframe: '1m' }]);
    await until('subscribed', () => fake.subscribed().length === 1);
    await new Promise((r) => setTimeout(r, 500)); // pings keep a quiet connection alive
    expect(stream.stats.stalls).toBe(0);
    expect(fake.connectionsOpened).toBe(1);

    fake.setSilent(true);
    await until('the watchdog replaced the connection', () => fake.connectionsOpened >= 2, 3_000);
    fake.setSilent(false);
    await until('resubscribed', () => fake.subscribed().length === 1 && stream.healthy);
    expect(stream.stats.stalls).toBeGreaterThanOrEqual(1);
    expect(resyncs.length).toBeGreaterThanOrEqual(2);
  });

  it('reconnects at once on a serverShutdown notice', async () => {
    const { fake, stream } = await setUp();
    stream.setSeries([{ symbol: 'BTCUSDT', timeframe: '1m' }]);
    await until('subscribed', () => fake.subscribed().length === 1);
    fake.announceShutdown();
    await until('a new connection', () => fake.connectionsOpened === 2 && fake.subscribed().length === 1);
    expect(stream.stats.stalls).toBe(0);
  });

  it('keeps trying while the server is away, with backoff, and recovers when it is back', async () => {
    const { fake, stream } = await setUp();
    stream.setSeries([{ symbol: 'BTCUSDT', timeframe: '1m' }]);
    await until('subscribed', () => fake.subscribed().length === 1);
    const url = fake.url;
    await fake.close();
    await until('noticed', () => !stream.healthy);
    const port = Number(new URL(url).port);
    const again = await FakeBinanceStreamServerOn(port);
    open.push(again);
    await until('back', () => again.subscribed().length === 1 && stream.healthy, 5_000);
  });
});

/** A new fake on the port the old one had (the stream reconnects to the same URL). */
async function FakeBinanceStreamServerOn(port: number): Promise<FakeBinanceStreamServer> {
  for (let i = 0; ; i++) {
    try {
      return await FakeBinanceStreamServer.start({ port });
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
