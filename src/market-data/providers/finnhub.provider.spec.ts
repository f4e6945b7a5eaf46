import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeFinnhubServer, spy1d } from '../../../test/fakes/vendors/index.js';
import { FinnhubProvider } from './finnhub.provider.js';

const KEY = 'fh-secret-key-123';
const LATER = Date.parse('2026-01-05T00:00:00Z');

describe('FinnhubProvider against a loopback Finnhub', () => {
  const server = new FakeFinnhubServer(KEY);
  let provider: FinnhubProvider;

  beforeAll(async () => {
    server.setBars('SPY', '1d', spy1d());
    provider = new FinnhubProvider({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: 5_000 }); // generous: a loaded CI machine answers loopback slowly
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('parses stock/candle columns to exactly the CSV values', async () => {
    const fromMs = Date.parse('2008-09-01T00:00:00Z');
    const toMs = Date.parse('2008-11-01T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs, toMs, nowMs: LATER });
    expect(bars).toEqual(spy1d().filter((b) => b.openTime >= fromMs && b.openTime < toMs));
    expect(server.requests.at(-1)!.query.get('resolution')).toBe('D');
  });

  it('treats s:"no_data" as no bars', async () => {
    await expect(
      provider.fetchCandles({ symbol: 'ZZZZ', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).resolves.toEqual([]);
  });

  it('maps 429 {"error":"API limit reached..."} to rateLimited', async () => {
    server.failNext({ kind: 'rateLimit' });
    await expect(
      provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).rejects.toMatchObject({ code: 'rateLimited', retryAfterMs: 1000 });
  });

  it('maps a wrong key to auth, and quotes', async () => {
    const wrong = new FinnhubProvider({ apiKey: 'nope', baseUrl: server.baseUrl });
    await expect(wrong.latestQuote('SPY')).rejects.toMatchObject({ code: 'auth', status: 401 });
    await expect(provider.latestQuote('SPY')).resolves.toMatchObject({ price: spy1d().at(-1)!.close });
    await expect(provider.latestQuote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });
});
