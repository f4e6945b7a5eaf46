import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAlphaVantageServer, btcusdt1m, spy1d } from '../../../test/fakes/vendors/index.js';
import { aggregateBars } from './bar-utils.js';
import { AlphaVantageProvider } from './alphavantage.provider.js';

const KEY = 'av-secret-key-789';
const LATER = Date.parse('2026-01-05T00:00:00Z');

describe('AlphaVantageProvider against a loopback Alpha Vantage', () => {
  const server = new FakeAlphaVantageServer(KEY);
  let provider: AlphaVantageProvider;

  beforeAll(async () => {
    server.setBars('SPY', '1d', spy1d()).setBars('BTC', '1m', btcusdt1m());
    provider = new AlphaVantageProvider({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: 5_000 });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('reads US/Eastern intraday keys back to UTC, across the 2023-03-12 DST switch', async () => {
    const fromMs = Date.parse('2023-03-11T00:00:00Z');
    const toMs = Date.parse('2023-03-14T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'BTC', timeframe: '5m', fromMs, toMs, nowMs: LATER });
    const expected = aggregateBars(btcusdt1m(), '5m').filter((b) => b.openTime >= fromMs && b.openTime < toMs);
    expect(bars).toHaveLength(expected.length);
    bars.forEach((b, i) => expect(b).toEqual({ ...expected[i], volume: expect.closeTo(expected[i].volume, 6) }));
    expect(server.requests.at(-1)!.query.get('outputsize')).toBe('full');
  });

  it('reads daily series (newest first on the wire) ascending with the CSV values', async () => {
    const fromMs = Date.parse('2020-03-01T00:00:00Z');
    const toMs = Date.parse('2020-04-01T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs, toMs, nowMs: LATER });
    expect(bars).toEqual(spy1d().filter((b) => b.openTime >= fromMs && b.openTime < toMs));
  });

  it('maps weekly keys (the Friday) onto Monday weeks', async () => {
    const fromMs = Date.parse('2020-01-06T00:00:00Z');
    const bars = await provider.fetchCandles({
      symbol: 'SPY',
      timeframe: '1w',
      fromMs,
      toMs: fromMs + 14 * 86_400_000,
      nowMs: LATER,
    });
    expect(bars.map((b) => new Date(b.openTime).toISOString())).toEqual([
      '2020-01-06T00:00:00.000Z',
      '2020-01-13T00:00:00.000Z',
    ]);
  });

  it('maps the HTTP-200 "Note" to rateLimited (a minute) and "Information" daily cap to the next UTC day', async () => {
    const q = {
      symbol: 'SPY',
      timeframe: '1d' as const,
      fromMs: 0,
      toMs: LATER,
      nowMs: Date.parse('2026-01-05T18:00:00Z'),
    };
    server.failNext({ kind: 'note' });
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({ code: 'rateLimited', retryAfterMs: 60_000 });
    server.failNext({ kind: 'rateLimit' });
    await expect(provider.fetchCandles(q)).rejects.toMatchObject({ code: 'rateLimited', retryAfterMs: 6 * 3_600_000 });
  });

  it('maps "Error Message" to notFound and a bad key to auth', async () => {
    await expect(
      provider.fetchCandles({ symbol: 'ZZZZ', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).rejects.toMatchObject({ code: 'notFound' });
    const wrong = new AlphaVantageProvider({ apiKey: 'nope', baseUrl: server.baseUrl });
    await expect(wrong.latestQuote('SPY')).rejects.toMatchObject({ code: 'auth' });
    await expect(provider.latestQuote('SPY')).resolves.toMatchObject({ price: spy1d().at(-1)!.close });
    await expect(provider.latestQuote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });
});
