import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../base/time/clock.js';
import { FakeBinanceServer, btcusdt1m } from '../../../test/fakes/vendors/index.js';
import { aggregateBars } from './bar-utils.js';
import { BinanceProvider } from './binance.provider.js';
import { ProviderError } from '../core/market-data-provider.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../../base/domain/timeframe.js';

const MIN = 60_000;
const START = Date.parse('2023-03-01T00:00:00Z');
const LATER = Date.parse('2026-01-05T00:00:00Z'); // every 2023 bar is closed

describe('BinanceProvider against a loopback Binance', () => {
  const server = new FakeBinanceServer();
  let provider: BinanceProvider;

  beforeAll(async () => {
    server.setBars('BTCUSDT', '1m', btcusdt1m());
    provider = new BinanceProvider({ baseUrl: await server.start(), timeoutMs: 2_000 }); // the hang test waits this out
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
    server.requests.length = 0;
  });

  it('parses klines to exactly the CSV values', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: START,
      toMs: START + 5 * MIN,
      nowMs: LATER,
    });
    expect(bars).toEqual(btcusdt1m().slice(0, 5));
    expect(provider.usedWeight1m).toBeGreaterThan(0);
  });

  it('pages by startTime past the 1000-bar limit and covers [from, to) exactly', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: START,
      toMs: START + 2500 * MIN,
      nowMs: LATER,
    });
    expect(bars).toHaveLength(2500);
    expect(bars).toEqual(btcusdt1m().slice(0, 2500));
    expect(server.requestCount('/api/v3/klines')).toBe(3);
    expect(server.requests.map((r) => r.query.get('limit'))).toEqual(['1000', '1000', '1000']);
  });

  it('serves higher timeframes with Binance closeTime convention', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '15m',
      fromMs: START,
      toMs: START + 60 * MIN,
      nowMs: LATER,
    });
    expect(bars).toEqual(aggregateBars(btcusdt1m().slice(0, 60), '15m'));
    expect(bars[0].closeTime).toBe(START + 15 * MIN - 1);
  });

  it('maps {"code":-1121} to notFound', async () => {
    const err = await provider
      .fetchCandles({ symbol: 'NOPEUSDT', timeframe: '1m', fromMs: START, toMs: START + MIN, nowMs: LATER })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.code).toBe('notFound');
  });

  it.each([429, 418] as const)('maps %i with Retry-After to rateLimited with that delay', async (status) => {
    server.failNext({ kind: 'rateLimit', status, retryAfterSec: 7 });
    const err = await provider
      .fetchCandles({ symbol: 'BTCUSDT', timeframe: '1m', fromMs: START, toMs: START + MIN, nowMs: LATER })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'rateLimited', retryAfterMs: 7000, status });
  });

  it('maps 500 to transient, a garbage body to invalidResponse and a hang to a transient timeout', async () => {
    const q = { symbol: 'BTCUSDT', timeframe: '1m' as const, fromMs: START, toMs: START + MIN, nowMs: LATER };
    server.failNext({ kind: 'status', status: 500 });
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({ code: 'transient', status: 500 });
    server.failNext({ kind: 'garbage' });
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({ code: 'invalidResponse' });
    server.failNext({ kind: 'hang' });
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({
      code: 'transient',
      message: expect.stringContaining('timeout'),
    });
  });

  it('quotes the latest price', async () => {
    const quote = await provider.latestQuote('BTCUSDT');
    expect(quote.price).toBe(btcusdt1m().at(-1)!.close);
  });

  it("spells symbols Binance's way, and learns which exist from exchangeInfo", async () => {
    expect(provider.serves('BTCUSD')).toBe(true); // Binance.US: whatever the quote asset
    expect(provider.serves('BTC-USD')).toBe(false);
    expect(provider.serves('btcusdt')).toBe(false);
    await expect(provider.listSymbols()).resolves.toEqual(['BTCUSDT']);
    expect(server.requests.at(-1)?.path).toBe('/api/v3/exchangeInfo');
  });

  it('counts the last N klines back from endTime, paging backward, however long ago', async () => {
    const provider = new BinanceProvider({ baseUrl: server.baseUrl, timeoutMs: 5000 }); // three pages on a busy machine
    const end = btcusdt1m()[2500].openTime;
    const bars = await provider.fetchLastCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      toMs: end,
      count: 2100,
      nowMs: Date.parse('2026-01-05T00:00:00Z'),
    });
    expect(bars).toEqual(btcusdt1m().slice(400, 2500));
    const pages = server.requests.filter((r) => r.path === '/api/v3/klines').slice(-3);
    expect(pages.map((r) => [r.query.get('endTime'), r.query.get('limit'), r.query.has('startTime')])).toEqual([
      [String(end - 1), '1000', false],
      [String(btcusdt1m()[1500].openTime - 1), '1000', false],
      [String(btcusdt1m()[500].openTime - 1), '100', false],
    ]);
    // History shorter than asked: all there is.
    const first = await provider.fetchLastCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      toMs: btcusdt1m()[30].openTime,
      count: 500,
      nowMs: Date.parse('2026-01-05T00:00:00Z'),
    });
    expect(first).toEqual(btcusdt1m().slice(0, 30));
  });
});

describe('BinanceProvider on a replay clock', () => {
  const clock = new ManualClock(START + 10 * MIN + 30_000); // 00:10:30, the 00:10 bar is forming
  const server = new FakeBinanceServer({ clock });
  let provider: BinanceProvider;

  beforeAll(async () => {
    server.setBars('BTCUSDT', '1m', btcusdt1m());
    provider = new BinanceProvider({ baseUrl: await server.start() });
  });
  afterAll(() => server.stop());

  it('never returns the forming bar as closed', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: START,
      toMs: START + 60 * MIN,
      nowMs: clock.now(),
    });
    expect(bars).toHaveLength(10);
    expect(bars.at(-1)!.closeTime).toBeLessThan(clock.now());
  });

  /** The bar in progress now: the last bar of its own period, asked for with the forming one. */
  const formingBar = async (timeframe: Timeframe) => {
    const fromMs = barOpenTime(clock.now(), timeframe);
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe,
      fromMs,
      toMs: fromMs + TIMEFRAME_MS[timeframe],
      nowMs: clock.now(),
      includeForming: true,
    });
    return bars.at(-1);
  };

  it('returns the forming bar only when asked, as the last bar', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: START,
      toMs: START + 60 * MIN,
      nowMs: clock.now(),
      includeForming: true,
    });
    expect(bars).toHaveLength(11);
    const forming = await formingBar('1m');
    expect(forming).toMatchObject({ openTime: START + 10 * MIN, open: btcusdt1m()[10].open });
    clock.advance(30_000); // 00:11:00: the 00:10 bar has closed with its real values
    const closed = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: START + 10 * MIN,
      toMs: START + 11 * MIN,
      nowMs: clock.now(),
    });
    expect(closed).toEqual([btcusdt1m()[10]]);
  });

  it('builds a forming 15m bar from the minutes so far', async () => {
    clock.set(START + 20 * MIN + 5_000);
    const forming = await formingBar('15m');
    expect(forming).toMatchObject({ openTime: START + 15 * MIN, open: btcusdt1m()[15].open });
  });
});
