import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  FakeFinnhubServer,
  finnhubArticle,
  finnhubEarnings,
  finnhubEconomic,
  finnhubOptionChain,
  finnhubProfile,
  finnhubQuote,
} from '../../../test/fakes/vendors/index.js';
import { FinnhubReference } from './finnhub.reference.js';

const KEY = 'fh-ref-secret-987';
const T = Date.parse('2026-01-05T15:00:00Z');

describe('FinnhubReference against a loopback Finnhub (its documented JSON)', () => {
  const server = new FakeFinnhubServer(KEY);
  let fh: FinnhubReference;

  beforeAll(async () => {
    const r = server.reference;
    r.quotes.set('AAPL', finnhubQuote(185.5, T / 1000));
    r.profiles.set('AAPL', finnhubProfile('AAPL', 'Apple Inc'));
    r.companyNews.set('AAPL', [
      finnhubArticle(7, T / 1000 - 3600, 'AAPL,MSFT', 'Apple up'),
      finnhubArticle(8, T / 1000 - 5 * 86400, 'AAPL', 'Old news'),
    ]);
    r.generalNews.push(finnhubArticle(9, T / 1000 - 60, '', 'Markets calm'));
    r.earnings.push(
      finnhubEarnings('AAPL', '2026-01-29', 2026, 1, 2.1),
      finnhubEarnings('MSFT', '2026-03-01', 2026, 2, 3),
    );
    r.economic.push(finnhubEconomic('US', 'CPI MM', '2026-01-13 13:30:00', 0.3));
    r.optionChains.set('AAPL', finnhubOptionChain('AAPL', 185.5, ['2026-01-16', '2026-02-20'], [180, 190]));
    fh = new FinnhubReference({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: 3000 });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('transforms /quote, with its time in ms, and a t:0 answer to notFound', async () => {
    await expect(fh.quote('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      price: 185.5,
      change: 1.25,
      changePercent: 0.7,
      open: 184.5,
      high: 187.5,
      low: 182.5,
      previousClose: 184.25,
      volume: null,
      quoteTime: T,
    });
    await expect(fh.quote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
    expect(server.requests.at(-1)!.path).toBe('/api/v1/quote');
  });

  it('transforms /stock/profile2 (millions multiplied out) and maps {} to notFound', async () => {
    await expect(fh.company('AAPL')).resolves.toMatchObject({
      name: 'Apple Inc',
      marketCap: 1415993 * 1e6,
      sharesOutstanding: 4375.47998046875 * 1e6,
      ipoDate: '1980-12-12',
      industry: 'Technology',
    });
    await expect(fh.company('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });

  it('asks /company-news with from/to dates and keeps only articles inside the window', async () => {
    const items = await fh.news({ symbol: 'AAPL', fromMs: T - 86_400_000, toMs: T });
    expect(items).toEqual([
      expect.objectContaining({
        vendorId: '7',
        headline: 'Apple up',
        symbols: ['AAPL', 'MSFT'],
        publishedAt: T - 3_600_000,
      }),
    ]);
    expect(server.requests.at(-1)!.query.get('from')).toBe('2026-01-04');
    const general = await fh.news({ symbol: null, fromMs: T - 86_400_000, toMs: T });
    expect(general.map((a) => a.headline)).toEqual(['Markets calm']);
    expect(server.requests.at(-1)!.path).toBe('/api/v1/news');
  });

  it('transforms the earnings and economic calendars', async () => {
    const e = await fh.earnings(null, { from: '2026-01-05', to: '2026-02-04' });
    expect(e).toEqual([
      {
        symbol: 'AAPL',
        date: '2026-01-29',
        hour: 'amc',
        year: 2026,
        quarter: 1,
        epsEstimate: 2.1,
        epsActual: null,
        revenueEstimate: 117e9,
        revenueActual: null,
      },
    ]);
    const ev = await fh.economicEvents({ from: '2026-01-05', to: '2026-01-19' });
    expect(ev).toEqual([
      {
        country: 'US',
        event: 'CPI MM',
        time: Date.parse('2026-01-13T13:30:00Z'),
        impact: 'high',
        actual: null,
        estimate: 0.3,
        previous: 0.2,
        unit: '%',
      },
    ]);
  });

  it('flattens /stock/option-chain into calls and puts per expiration; no data is notFound', async () => {
    const chain = await fh.optionsChain('AAPL');
    expect(chain.underlyingPrice).toBe(185.5);
    expect(chain.contracts).toHaveLength(8);
    expect(chain.contracts[0]).toMatchObject({ type: 'call', expiration: '2026-01-16', strike: 180, inTheMoney: true });
    await expect(fh.optionsChain('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });

  it.each([
    [
      { kind: 'rateLimit' as const, retryAfterSec: 2 },
      { code: 'rateLimited', retryAfterMs: 2000 },
    ],
    [
      { kind: 'status' as const, status: 502 },
      { code: 'transient', status: 502 },
    ],
    [{ kind: 'status' as const, status: 500, body: '' }, { code: 'transient' }],
    [{ kind: 'garbage' as const }, { code: 'invalidResponse' }],
    [{ kind: 'status' as const, status: 200, body: '' }, { code: 'invalidResponse' }],
    [{ kind: 'hang' as const }, { code: 'transient' }],
  ])('maps %o to %o, never with the key in the message', async (mode, expected) => {
    server.failNext(mode);
    const err = (await fh.quote('AAPL').catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject(expected);
    expect(err.message).not.toContain(KEY);
  });

  it('maps a wrong key to auth and a 200 {"error"} body to invalidResponse', async () => {
    const wrong = new FinnhubReference({ apiKey: 'nope', baseUrl: server.baseUrl, timeoutMs: 3000 });
    await expect(wrong.company('AAPL')).rejects.toMatchObject({ code: 'auth', status: 401 });
    server.failNext({ kind: 'status', status: 200, body: '{"error":"You don\'t have access to this resource."}' });
    await expect(fh.earnings('AAPL', { from: '2026-01-01', to: '2026-02-01' })).rejects.toMatchObject({
      code: 'invalidResponse',
    });
  });

  it('rejects a body that breaks the documented shape', async () => {
    server.failNext({ kind: 'status', status: 200, body: '{"earningsCalendar": "soon"}' });
    await expect(fh.earnings(null, { from: '2026-01-01', to: '2026-02-01' })).rejects.toMatchObject({
      code: 'invalidResponse',
    });
    server.failNext({ kind: 'status', status: 200, body: '[1,2]' });
    await expect(fh.quote('AAPL')).rejects.toMatchObject({ code: 'invalidResponse' });
  });
});
