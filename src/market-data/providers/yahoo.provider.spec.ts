import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeYahooServer, btcusdt1m, spy1d } from '../../../test/fakes/vendors/index.js';
import { aggregateBars } from './bar-utils.js';
import { YahooProvider } from './yahoo.provider.js';

const LATER = Date.parse('2026-01-05T00:00:00Z');

describe('YahooProvider against a loopback chart API', () => {
  const server = new FakeYahooServer();
  let provider: YahooProvider;

  beforeAll(async () => {
    server.setBars('SPY', '1d', spy1d()).setBars('BTC-USD', '1m', btcusdt1m());
    provider = new YahooProvider({ baseUrl: await server.start(), timeoutMs: 5_000 }); // generous: a loaded CI machine answers loopback slowly
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('parses daily bars stamped at the 14:30Z open onto UTC days with the CSV values', async () => {
    const fromMs = Date.parse('2020-03-02T00:00:00Z');
    const toMs = Date.parse('2020-04-01T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs, toMs, nowMs: LATER });
    expect(bars).toEqual(spy1d().filter((b) => b.openTime >= fromMs && b.openTime < toMs));
    expect(server.requests.at(-1)!.query.get('period1')).toBe(String(fromMs / 1000));
  });

  it('folds 60m bars into 4h bars (Yahoo has no 4h interval)', async () => {
    const fromMs = Date.parse('2023-03-01T00:00:00Z');
    const toMs = Date.parse('2023-03-02T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'BTC-USD', timeframe: '4h', fromMs, toMs, nowMs: LATER });
    expect(server.requests.at(-1)!.query.get('interval')).toBe('60m');
    expect(bars).toHaveLength(6);
    const expected = aggregateBars(
      btcusdt1m().filter((b) => b.openTime >= fromMs && b.openTime < toMs),
      '4h',
    );
    bars.forEach((b, i) => expect(b).toEqual({ ...expected[i], volume: expect.closeTo(expected[i].volume, 6) }));
  });

  it('maps chart.error "Not Found" to notFound and 429 to rateLimited', async () => {
    const q = { symbol: 'NOPE', timeframe: '1d' as const, fromMs: 0, toMs: LATER, nowMs: LATER };
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({ code: 'notFound', status: 404 });
    server.failNext({ kind: 'rateLimit', retryAfterSec: 3 });
    await expect(provider.fetchCandles({ ...q, symbol: 'SPY' })).rejects.toMatchObject({
      code: 'rateLimited',
      retryAfterMs: 3000,
    });
  });

  it('answers an empty range (meta only) with no bars, and refuses 1s', async () => {
    const bars = await provider.fetchCandles({
      symbol: 'SPY',
      timeframe: '1d',
      fromMs: Date.parse('2020-03-07T00:00:00Z'),
      toMs: Date.parse('2020-03-09T00:00:00Z'),
      nowMs: LATER,
    });
    expect(bars).toEqual([]);
    await expect(
      provider.fetchCandles({ symbol: 'SPY', timeframe: '1s', fromMs: 0, toMs: 1000, nowMs: LATER }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    expect(provider.supportedTimeframes).toEqual([
      '1m',
      '3m',
      '5m',
      '15m',
      '30m',
      '1h',
      '2h',
      '4h',
      '6h',
      '8h',
      '12h',
      '1d',
      '1w',
    ]);
  });

  it('quotes regularMarketPrice', async () => {
    await expect(provider.latestQuote('SPY')).resolves.toMatchObject({ symbol: 'SPY', price: spy1d().at(-1)!.close });
  });
});
