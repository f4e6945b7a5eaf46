import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../base/time/clock.js';
import { loadConfig } from '../../config/app-config.js';
import { GuardedProvider } from '../../market-data/core/guarded-provider.js';
import { FinnhubProvider } from '../../market-data/providers/finnhub.provider.js';
import {
  avEarningsRow,
  avOptionContract,
  avOverview,
  binanceTicker24hr,
  FakeAlphaVantageServer,
  FakeBinanceServer,
  FakePolygonServer,
  polygonArticle,
  polygonOptionSnapshot,
  polygonTicker,
  spy1d,
} from '../../../test/fakes/vendors/index.js';
import { buildReferenceSources } from '../reference-sources.js';
import { AlphaVantageReference } from './alphavantage.reference.js';
import { BinanceReference } from './binance.reference.js';
import { PolygonReference } from './polygon.reference.js';

const T = Date.parse('2026-01-05T15:00:00Z');
const TIMEOUT = 3000;

/** The failure modes every adapter must translate: 429, 5xx, a hang, an empty and a malformed body. */
const FAILURES = [
  [{ kind: 'rateLimit' as const, retryAfterSec: 1 }, 'rateLimited'],
  [{ kind: 'status' as const, status: 503 }, 'transient'],
  [{ kind: 'hang' as const }, 'transient'],
  [{ kind: 'status' as const, status: 200, body: '' }, 'invalidResponse'],
  [{ kind: 'garbage' as const }, 'invalidResponse'],
] as const;

/** The FAILURES cases for one adapter call: each maps to its code, and the vendor's key never shows. */
function itMapsFailures(
  server: { failNext(mode: (typeof FAILURES)[number][0]): unknown },
  call: () => Promise<unknown>,
  key: string,
  what = '',
) {
  it.each(FAILURES)(`${what}maps %o to %s, never showing the key`, async (mode, code) => {
    server.failNext(mode);
    const err = (await call().catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ code });
    if (key) expect(err.message).not.toContain(key);
  });
}

describe('BinanceReference (crypto quotes) against a loopback Binance', () => {
  const server = new FakeBinanceServer();
  let b: BinanceReference;
  beforeAll(async () => {
    server.tickers24hr.set('BTCUSDT', binanceTicker24hr('BTCUSDT', '97000.50000000', T));
    b = new BinanceReference({ baseUrl: await server.start(), timeoutMs: TIMEOUT });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('reads /api/v3/ticker/24hr decimal strings; -1121 is notFound; only pairs are served', async () => {
    await expect(b.quote('BTCUSDT')).resolves.toEqual({
      symbol: 'BTCUSDT',
      price: 97000.5,
      change: -94.999998,
      changePercent: -95.96,
      open: 99,
      high: 100,
      low: 0.1,
      previousClose: 0.10002,
      volume: 8913.3,
      quoteTime: T,
    });
    await expect(b.quote('NOPEUSDT')).rejects.toMatchObject({ code: 'notFound' });
    expect([b.serves('ETHBTC'), b.serves('AAPL')]).toEqual([true, false]);
  });

  itMapsFailures(server, () => b.quote('BTCUSDT'), '');
});

describe('PolygonReference against a loopback Polygon', () => {
  const KEY = 'pg-ref-key-42';
  const server = new FakePolygonServer(KEY);
  let p: PolygonReference;
  beforeAll(async () => {
    server.setBars('SPY', '1d', spy1d());
    server.tickers.set('AAPL', polygonTicker('AAPL', 'Apple Inc.'));
    server.news.push(
      polygonArticle('n1', '2026-01-05T14:00:00Z', ['AAPL', 'MSFT'], 'Apple and Microsoft'),
      polygonArticle('n2', '2026-01-01T14:00:00Z', ['AAPL'], 'Old'),
    );
    p = new PolygonReference({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: TIMEOUT });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('quotes from /prev, companies from /v3/reference/tickers, news from /v2/reference/news', async () => {
    const last = spy1d().at(-1)!;
    await expect(p.quote('SPY')).resolves.toMatchObject({ price: last.close, open: last.open, volume: last.volume });
    await expect(p.quote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
    await expect(p.company('AAPL')).resolves.toMatchObject({
      name: 'Apple Inc.',
      exchange: 'XNAS',
      country: 'US',
      currency: 'USD',
      marketCap: 2771126040150,
      sharesOutstanding: 16406400000,
    });
    await expect(p.company('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
    const news = await p.news({ symbol: 'AAPL', fromMs: T - 86_400_000, toMs: T });
    expect(news).toEqual([
      expect.objectContaining({
        vendorId: 'n1',
        url: 'https://www.fool.com/n1',
        source: 'The Motley Fool',
        symbols: ['AAPL', 'MSFT'],
        publishedAt: Date.parse('2026-01-05T14:00:00Z'),
      }),
    ]);
    expect(server.requests.at(-1)!.query.get('ticker')).toBe('AAPL');
  });

  itMapsFailures(server, () => p.company('AAPL'), KEY);
});

describe('AlphaVantageReference against a loopback Alpha Vantage', () => {
  const KEY = 'av-ref-key-77';
  const server = new FakeAlphaVantageServer(KEY);
  let av: AlphaVantageReference;
  beforeAll(async () => {
    server.overviews.set('IBM', avOverview('IBM', 'International Business Machines'));
    server.setBars('IBM', '1d', spy1d());
    av = new AlphaVantageReference({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: TIMEOUT });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('reads OVERVIEW strings as numbers; {} is notFound; a Note is a rate limit', async () => {
    await expect(av.company('IBM')).resolves.toMatchObject({
      name: 'International Business Machines',
      marketCap: 153e9,
      sharesOutstanding: 916e6,
      industry: 'COMPUTER & OFFICE EQUIPMENT',
    });
    await expect(av.company('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
    server.failNext({
      kind: 'note',
      text: 'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day.',
    });
    await expect(av.company('IBM')).rejects.toMatchObject({ code: 'rateLimited' });
  });

  it('reads GLOBAL_QUOTE ("05. price", "07. latest trading day"); an empty Global Quote is notFound', async () => {
    const last = spy1d().at(-1)!;
    await expect(av.quote('IBM')).resolves.toMatchObject({
      symbol: 'IBM',
      price: last.close,
      quoteTime: Date.parse(new Date(last.openTime).toISOString().slice(0, 10) + 'T00:00:00Z'),
    });
    await expect(av.quote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });

  itMapsFailures(server, () => av.company('IBM'), KEY);
});

describe('PolygonReference option chains (/v3/snapshot/options/{underlying}) against a loopback Polygon', () => {
  const KEY = 'pg-opt-key-43';
  const server = new FakePolygonServer(KEY, { maxLimit: 3 }); // pages of 3: the chain takes next_url
  let p: PolygonReference;
  beforeAll(async () => {
    server.optionChains.set(
      'AAPL',
      ['2026-01-16', '2026-02-20'].flatMap((exp) =>
        [180, 190].flatMap((k) => [
          polygonOptionSnapshot('AAPL', 185.5, exp, 'call', k),
          polygonOptionSnapshot('AAPL', 185.5, exp, 'put', k),
        ]),
      ),
    );
    p = new PolygonReference({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: TIMEOUT });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('follows next_url across pages; OCC symbols without "O:", IV in percent, in-the-money from the underlying', async () => {
    const before = server.requestCount('/v3/snapshot/options');
    const chain = await p.optionsChain('AAPL');
    expect(server.requestCount('/v3/snapshot/options') - before).toBe(3); // 8 contracts in pages of 3
    expect(server.requests.at(-1)!.query.get('apiKey')).toBe(KEY);
    expect(chain.underlyingPrice).toBe(185.5);
    expect(chain.contracts).toHaveLength(8);
    expect(chain.contracts[0]).toEqual({
      contract: 'AAPL260116C00180000',
      type: 'call',
      expiration: '2026-01-16',
      strike: 180,
      lastPrice: 5.1,
      bid: 5,
      ask: 5.2,
      volume: 1200,
      openInterest: 15000,
      impliedVolatility: 28.5,
      delta: 0.55,
      gamma: 0.03,
      theta: -0.05,
      vega: 0.2,
      inTheMoney: true,
    });
    expect(chain.contracts.find((c) => c.type === 'put' && c.strike === 190)?.inTheMoney).toBe(true);
    await expect(p.optionsChain('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });

  itMapsFailures(server, () => p.optionsChain('AAPL'), KEY);
});

describe('AlphaVantageReference earnings (EARNINGS_CALENDAR, CSV) and options (HISTORICAL_OPTIONS)', () => {
  const KEY = 'av-cal-key-78';
  const server = new FakeAlphaVantageServer(KEY);
  let av: AlphaVantageReference;
  const RANGE = { from: '2026-01-05', to: '2026-03-06' };
  beforeAll(async () => {
    server.earningsCalendar.push(
      avEarningsRow('AAPL', 'Apple Inc', '2026-01-29', '2025-12-31', '2.67'),
      avEarningsRow('BRK-B', 'Berkshire Hathaway, Inc.', '2026-02-28', '2025-12-31', ''),
      avEarningsRow('ORCL', 'Oracle Corp', '2026-03-30', '2026-02-28', '1.5'),
    );
    server.historicalOptions.set('IBM', [
      avOptionContract('IBM', '2026-01-16', 'call', 230, '2026-01-02'),
      avOptionContract('IBM', '2026-01-16', 'put', 230, '2026-01-02'),
    ]);
    av = new AlphaVantageReference({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: TIMEOUT });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
  });

  it('reads the CSV (quoted names, empty estimates), keeps the range, names the period by its end', async () => {
    const all = await av.earnings(null, RANGE);
    expect(server.requests.at(-1)!.query.get('horizon')).toBe('3month');
    expect(all).toEqual([
      {
        symbol: 'AAPL',
        date: '2026-01-29',
        hour: null,
        year: 2025,
        quarter: 4,
        epsEstimate: 2.67,
        epsActual: null,
        revenueEstimate: null,
        revenueActual: null,
      },
      expect.objectContaining({ symbol: 'BRK-B', date: '2026-02-28', epsEstimate: null }),
    ]); // ORCL reports after the range
    await expect(av.earnings('AAPL', RANGE)).resolves.toHaveLength(1);
    expect(server.requests.at(-1)!.query.get('symbol')).toBe('AAPL');
    await expect(av.earnings('ZZZZ', RANGE)).resolves.toEqual([]); // the header alone: no reports
  });

  it('reads HISTORICAL_OPTIONS strings as numbers, IV in percent; an empty data list is notFound', async () => {
    const chain = await av.optionsChain('IBM');
    expect(chain).toMatchObject({ symbol: 'IBM', underlyingPrice: null });
    expect(chain.contracts[1]).toEqual({
      contract: 'IBM260116P00230000',
      type: 'put',
      expiration: '2026-01-16',
      strike: 230,
      lastPrice: 5.1,
      bid: 5,
      ask: 5.2,
      volume: 1200,
      openInterest: 15000,
      impliedVolatility: 28.5,
      delta: -0.45,
      gamma: 0.03,
      theta: -0.05,
      vega: 0.2,
      inTheMoney: null,
    });
    await expect(av.optionsChain('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });

  itMapsFailures(server, () => av.earnings(null, RANGE), KEY, 'earnings: ');

  itMapsFailures(server, () => av.optionsChain('IBM'), KEY, 'options: ');
});

describe('rate limits shared with the bar requests of the same vendor', () => {
  it("a vendor's reference adapter takes tokens from its bar provider's limiter and breaker", () => {
    const clock = new ManualClock(T);
    const config = loadConfig({ FINNHUB_API_KEY: 'k', ADMIN_TOKEN: 'x'.repeat(20) });
    const bars = new GuardedProvider(new FinnhubProvider({ apiKey: 'k' }), { clock });
    const [finnhubRef] = buildReferenceSources(config, clock, [bars]).filter((s) => s.name === 'finnhub');
    expect(finnhubRef.limiter).toBe(bars.limiter);
    expect(finnhubRef.breaker).toBe(bars.breaker);
  });
});
