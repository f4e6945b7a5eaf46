import { ManualClock } from '../../src/base/time/clock.js';
import {
  avEarningsRow,
  avOptionContract,
  binanceTicker24hr,
  FakeAlphaVantageServer,
  FakeBinanceServer,
  FakeFinnhubServer,
  FakePolygonServer,
  finnhubArticle,
  finnhubEarnings,
  finnhubEconomic,
  finnhubOptionChain,
  finnhubProfile,
  finnhubQuote,
  polygonArticle,
  polygonOptionSnapshot,
  polygonTicker,
  spy1d,
} from '../fakes/vendors/index.js';
import { triggerAndWait } from '../support/run-waiter.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-01-05T15:00:00.000Z'); // a Monday, 10:00 in New York
const S = T0 / 1000;
const FH_KEY = 'fh-e2e-key-000111';
const PG_KEY = 'pg-e2e-key-222333';
const AV_KEY = 'av-e2e-key-444555';

describe('data job types end to end (create → fire → vendor fake → stored → read route)', () => {
  const clock = new ManualClock(T0);
  const finnhub = new FakeFinnhubServer(FH_KEY);
  const polygon = new FakePolygonServer(PG_KEY);
  const binance = new FakeBinanceServer();
  const alphavantage = new FakeAlphaVantageServer(AV_KEY);
  let h: SchedulerHarness;

  /**
   * A minute later with the schedules paused (triggers still run): the vendors' per-minute limiters
   * (Polygon's and Alpha Vantage's free tier: 5 calls) have their tokens back, and no job fires meanwhile.
   */
  const nextMinute = async () => {
    await h.api().post('/scheduler/pause').expect(200);
    clock.advance(61_000);
  };

  const create = async (body: Record<string, unknown>) => {
    const res = await h.api().post('/jobs').send(body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    const r = finnhub.reference;
    r.quotes.set('AAPL', finnhubQuote(185.5, S - 5));
    r.profiles.set('AAPL', finnhubProfile('AAPL', 'Apple Inc'));
    r.companyNews.set('AAPL', [
      finnhubArticle(1, S - 3600, 'AAPL', 'Apple one'),
      finnhubArticle(2, S - 7200, 'AAPL,MSFT', 'Apple two'),
      finnhubArticle(3, S - 3 * 86400, 'AAPL', 'Too old'),
    ]);
    r.companyNews.set('MSFT', [finnhubArticle(2, S - 7200, 'AAPL,MSFT', 'Apple two')]);
    r.earnings.push(
      finnhubEarnings('AAPL', '2026-01-29', 2026, 1, 2.1),
      finnhubEarnings('MSFT', '2026-01-27', 2026, 2, 3.05),
      finnhubEarnings('NVDA', '2026-02-25', 2026, 4, 0.8),
      finnhubEarnings('ORCL', '2026-03-30', 2026, 3, 1.5),
    );
    r.economic.push(
      finnhubEconomic('US', 'CPI MM', '2026-01-13 13:30:00', 0.3),
      finnhubEconomic('DE', 'ZEW', '2026-01-13 10:00:00', 12),
      finnhubEconomic('US', 'Nonfarm Payrolls', '2026-01-09 13:30:00', 150),
    );
    r.optionChains.set(
      'AAPL',
      finnhubOptionChain('AAPL', 185.5, ['2026-01-02', '2026-01-16', '2026-02-20'], [180, 190]),
    );
    binance.tickers24hr.set('BTCUSDT', binanceTicker24hr('BTCUSDT', '97000.50000000', T0 - 1000));
    polygon.tickers.set('MSFT', polygonTicker('MSFT', 'Microsoft Corp'));
    polygon.setBars('SPY', '1d', spy1d());
    polygon.news.push(polygonArticle('pg-1', new Date(T0 - 2 * 3_600_000).toISOString(), ['TSLA'], 'Tesla ships'));
    polygon.optionChains.set(
      'AAPL',
      ['2026-01-16', '2026-02-20'].flatMap((exp) =>
        [180, 190].flatMap((k) => [
          polygonOptionSnapshot('AAPL', 186, exp, 'call', k),
          polygonOptionSnapshot('AAPL', 186, exp, 'put', k),
        ]),
      ),
    );
    alphavantage.earningsCalendar.push(
      avEarningsRow('IBM', 'International Business Machines', '2026-01-21', '2025-12-31', '4.30'),
      avEarningsRow('IBM', 'International Business Machines', '2026-04-20', '2026-03-31', '1.70'),
    );
    alphavantage.historicalOptions.set('IBM', [
      avOptionContract('IBM', '2026-01-16', 'call', 230, '2026-01-02'),
      avOptionContract('IBM', '2026-01-16', 'put', 230, '2026-01-02'),
    ]);
    await Promise.all([finnhub.start(), polygon.start(), binance.start(), alphavantage.start()]);
    h = await startSchedulerHarness({
      clock,
      env: {
        FINNHUB_API_KEY: FH_KEY,
        FINNHUB_BASE_URL: finnhub.baseUrl,
        POLYGON_API_KEY: PG_KEY,
        POLYGON_BASE_URL: polygon.baseUrl,
        BINANCE_BASE_URL: binance.baseUrl,
        ALPHAVANTAGE_API_KEY: AV_KEY,
        ALPHAVANTAGE_BASE_URL: alphavantage.baseUrl,
        DATA_CACHE_TTL: '0',
      },
    });
  }, 180_000);
  afterAll(async () => {
    await h.close();
    await Promise.all([finnhub.stop(), polygon.stop(), binance.stop(), alphavantage.stop()]);
  });
  afterEach(() => {
    finnhub.recover();
    polygon.recover();
    alphavantage.recover();
  });

  it('quotes: stocks from Finnhub, crypto from Binance; a bad symbol is recorded and the others stored', async () => {
    const id = await create({
      name: 'stock_quotes',
      type: 'quotes',
      schedule: { every: 60, calendar: 'XNYS', marketHoursOnly: true },
      quotes: { symbols: ['AAPL', 'BTCUSDT', 'NOPE'] },
    });
    const run = await triggerAndWait(h, id);
    expect(run.status).toBe('succeeded');
    expect(run.result.ok).toBe(2);
    expect(
      run.result.items.map((i: { symbol: string; provider: string | null; stored: number }) => [
        i.symbol,
        i.provider,
        i.stored,
      ]),
    ).toEqual([
      ['AAPL', 'finnhub', 1],
      ['BTCUSDT', 'binance', 1],
      ['NOPE', null, 0],
    ]);
    expect(run.result.items[2].error).toMatch(/finnhub: no quote for NOPE.*polygon: no previous bar for NOPE/);
    const read = await h.api().get('/market-data/quotes?symbols=AAPL,BTCUSDT,NOPE').expect(200);
    expect(read.body.missing).toEqual(['NOPE']);
    expect(read.body.items).toEqual([
      expect.objectContaining({
        symbol: 'AAPL',
        price: 185.5,
        previousClose: 184.25,
        time: new Date((S - 5) * 1000).toISOString(),
        provider: 'finnhub',
      }),
      expect.objectContaining({
        symbol: 'BTCUSDT',
        price: 97000.5,
        volume: 8913.3,
        time: new Date(T0 - 1000).toISOString(),
        provider: 'binance',
      }),
    ]);
    const again = await triggerAndWait(h, id);
    expect(again.result.items.map((i: { stored: number }) => i.stored)).toEqual([0, 0, 0]); // same quote times: nothing rewritten
  });

  it('quotes: fails over to Polygon while Finnhub answers 503, and the run says who served', async () => {
    finnhub.failAlways({ kind: 'status', status: 503 });
    const id = await create({
      name: 'spy-quote',
      type: 'quotes',
      schedule: { every: 60 },
      quotes: { symbols: ['SPY'] },
    });
    const run = await triggerAndWait(h, id);
    expect(run.result.items[0]).toMatchObject({ symbol: 'SPY', provider: 'polygon', stored: 1, error: null });
    const read = await h.api().get('/market-data/quotes?symbols=SPY').expect(200);
    expect(read.body.items[0]).toMatchObject({ provider: 'polygon', price: spy1d().at(-1)!.close });
  });

  it('a quotes job with marketHoursOnly fires only in XNYS hours (no weekend runs)', async () => {
    clock.set('2026-01-09T20:57:00.000Z'); // Friday, three minutes before the close
    try {
      const res = await h
        .api()
        .post('/jobs/validate')
        .send({
          name: 'q',
          type: 'quotes',
          schedule: { every: 60, calendar: 'XNYS', marketHoursOnly: true },
          quotes: { symbols: ['AAPL'] },
        })
        .expect(200);
      const runs = res.body.nextRuns.map((t: string) => Date.parse(t));
      expect(
        runs.filter((t: number) => t >= Date.parse('2026-01-09T21:00:00Z') && t < Date.parse('2026-01-12T14:30:00Z')),
      ).toEqual([]);
      expect(runs.at(-1)).toBeGreaterThanOrEqual(Date.parse('2026-01-12T14:30:00Z'));
    } finally {
      clock.set(T0);
    }
  });

  it('companyInfo: Finnhub profile stored and read; Polygon serves when Finnhub fails; unknown is 404', async () => {
    const id = await create({
      name: 'company_info',
      type: 'companyInfo',
      schedule: { every: 604800 },
      companyInfo: { symbols: ['AAPL'] },
    });
    expect((await triggerAndWait(h, id)).status).toBe('succeeded');
    const aapl = await h.api().get('/market-data/company/AAPL').expect(200);
    expect(aapl.body).toMatchObject({
      symbol: 'AAPL',
      name: 'Apple Inc',
      marketCap: 1415993e6,
      ipoDate: '1980-12-12',
      provider: 'finnhub',
    });
    finnhub.failAlways({ kind: 'rateLimit', retryAfterSec: 3600 });
    const id2 = await create({
      name: 'msft-info',
      type: 'companyInfo',
      schedule: { every: 604800 },
      companyInfo: { symbols: ['MSFT'] },
    });
    expect((await triggerAndWait(h, id2)).result.items[0]).toMatchObject({ provider: 'polygon', stored: 1 });
    const msft = await h.api().get('/market-data/company/MSFT').expect(200);
    expect(msft.body).toMatchObject({ name: 'Microsoft Corp', exchange: 'XNAS', country: 'US', provider: 'polygon' });
    await h.api().get('/market-data/company/ZZZZ').expect(404);
    const bad = await h.api().get('/market-data/company/bad%20symbol').expect(400);
    expect(bad.body.message[0]).toMatch(/symbol/);
  });

  it('earnings: the whole calendar for daysAhead, read back by date with cursor paging', async () => {
    const id = await create({
      name: 'earnings',
      type: 'earnings',
      schedule: { every: 21600 },
      earnings: { daysAhead: 60 },
    });
    const run = await triggerAndWait(h, id);
    expect(run.result.items).toEqual([{ provider: 'finnhub', fetched: 3, stored: 3, error: null }]); // ORCL is past 60 days
    expect(finnhub.requests.at(-1)!.query.get('to')).toBe('2026-03-06');
    const page1 = await h.api().get('/market-data/earnings?from=2026-01-01&to=2026-12-31&limit=2').expect(200);
    expect(page1.body.items.map((e: { symbol: string; date: string }) => [e.symbol, e.date])).toEqual([
      ['MSFT', '2026-01-27'],
      ['AAPL', '2026-01-29'],
    ]);
    const page2 = await h
      .api()
      .get(`/market-data/earnings?from=2026-01-01&limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body).toMatchObject({
      items: [expect.objectContaining({ symbol: 'NVDA', epsEstimate: 0.8 })],
      nextCursor: null,
    });
    const one = await h.api().get('/market-data/earnings?symbol=AAPL').expect(200);
    expect(one.body.items).toHaveLength(1);
    expect((await triggerAndWait(h, id)).result.items[0].stored).toBe(0);
    await h.api().get('/market-data/earnings?from=2026-13-01').expect(400);
    await h.api().get('/market-data/earnings?from=2026-02-01&to=2026-01-01').expect(400);
  });

  it('news: per symbol over lookbackHours, deduplicated by URL across symbols and re-runs', async () => {
    const id = await create({
      name: 'news',
      type: 'news',
      schedule: { every: 1800 },
      news: { symbols: ['AAPL', 'MSFT'], lookbackHours: 24 },
    });
    const run = await triggerAndWait(h, id);
    expect(run.result.ok).toBe(2);
    const all = await h.api().get('/market-data/news').expect(200);
    expect(all.body.items.map((a: { headline: string; symbols: string[] }) => [a.headline, a.symbols])).toEqual([
      ['Apple one', ['AAPL']],
      ['Apple two', ['AAPL', 'MSFT']],
    ]);
    const msft = await h.api().get('/market-data/news?symbol=MSFT').expect(200);
    expect(msft.body.items.map((a: { headline: string }) => a.headline)).toEqual(['Apple two']);
    const again = await triggerAndWait(h, id);
    expect(again.result.items.map((i: { stored: number }) => i.stored)).toEqual([0, 0]);
    const paged = await h.api().get('/market-data/news?limit=1').expect(200);
    const next = await h.api().get(`/market-data/news?limit=1&cursor=${paged.body.nextCursor}`).expect(200);
    expect([paged.body.items[0].headline, next.body.items[0].headline, next.body.nextCursor]).toEqual([
      'Apple one',
      'Apple two',
      null,
    ]);
    await h.api().get('/market-data/news?limit=501').expect(400);
    await h.api().get('/market-data/news?cursor=garbage').expect(400);
  });

  it('economicEvents: the calendar filtered by country, read by time and country', async () => {
    const id = await create({
      name: 'economic_events',
      type: 'economicEvents',
      schedule: { every: 43200 },
      economicEvents: { countries: ['US'], daysAhead: 14 },
    });
    const run = await triggerAndWait(h, id);
    expect(run.result.items[0]).toMatchObject({ provider: 'finnhub', fetched: 2, stored: 2 });
    const read = await h.api().get('/market-data/economic-events?country=US&from=2026-01-01T00:00:00Z').expect(200);
    expect(read.body.items.map((e: { event: string; time: string }) => [e.event, e.time])).toEqual([
      ['Nonfarm Payrolls', '2026-01-09T13:30:00.000Z'],
      ['CPI MM', '2026-01-13T13:30:00.000Z'],
    ]);
    const de = await h.api().get('/market-data/economic-events?country=DE').expect(200);
    expect(de.body.items).toEqual([]);
    await h.api().get('/market-data/economic-events?country=usa').expect(400);
  });

  it('optionsChain: a snapshot of the next N expirations, read back per expiration', async () => {
    const id = await create({
      name: 'options_chain',
      type: 'optionsChain',
      schedule: { every: 300 },
      optionsChain: { symbols: ['AAPL', 'ZZZZ'], expirations: 1 },
    });
    const run = await triggerAndWait(h, id);
    expect(
      run.result.items.map((i: { symbol: string; stored: number; error: string | null }) => [
        i.symbol,
        i.stored,
        !!i.error,
      ]),
    ).toEqual([
      ['AAPL', 4, false],
      ['ZZZZ', 0, true],
    ]);
    const read = await h.api().get('/market-data/options/AAPL').expect(200);
    expect(read.body).toMatchObject({
      symbol: 'AAPL',
      provider: 'finnhub',
      underlyingPrice: 185.5,
      expirations: ['2026-01-16'],
    });
    expect(read.body.contracts.map((c: { type: string; strike: number }) => `${c.type}${c.strike}`)).toEqual([
      'call180',
      'put180',
      'call190',
      'put190',
    ]);
    await h.api().get('/market-data/options/AAPL?expiration=2026-01-16').expect(200);
    await h.api().get('/market-data/options/AAPL?expiration=2026-02-20').expect(404);
    await h.api().get('/market-data/options/ZZZZ').expect(404);
  });

  it('earnings: fails over to Alpha Vantage (EARNINGS_CALENDAR, CSV) while Finnhub answers 503', async () => {
    await nextMinute();
    finnhub.failAlways({ kind: 'status', status: 503 });
    const id = await create({
      name: 'ibm-earnings',
      type: 'earnings',
      schedule: { every: 21600 },
      earnings: { symbols: ['IBM'], daysAhead: 60 },
    });
    const run = await triggerAndWait(h, id);
    expect(run.status).toBe('succeeded');
    expect(run.result.items).toEqual([{ symbol: 'IBM', provider: 'alphavantage', fetched: 1, stored: 1, error: null }]);
    expect(alphavantage.requests.at(-1)!.query.get('function')).toBe('EARNINGS_CALENDAR');
    const read = await h.api().get('/market-data/earnings?symbol=IBM').expect(200);
    expect(read.body.items).toEqual([
      expect.objectContaining({ symbol: 'IBM', date: '2026-01-21', epsEstimate: 4.3, provider: 'alphavantage' }),
    ]);
  });

  it("optionsChain: Polygon's chain snapshot while Finnhub fails, Alpha Vantage's options when both do", async () => {
    await nextMinute();
    finnhub.failAlways({ kind: 'status', status: 503 });
    const id = await create({
      name: 'aapl-chain',
      type: 'optionsChain',
      schedule: { every: 300 },
      optionsChain: { symbols: ['AAPL'], expirations: 1 },
    });
    expect((await triggerAndWait(h, id)).result.items[0]).toMatchObject({ provider: 'polygon', stored: 4 });
    const aapl = await h.api().get('/market-data/options/AAPL').expect(200);
    expect(aapl.body).toMatchObject({ provider: 'polygon', underlyingPrice: 186, expirations: ['2026-01-16'] });
    expect(aapl.body.contracts[0]).toMatchObject({ contract: 'AAPL260116C00180000', impliedVolatility: 28.5 });
    polygon.failAlways({ kind: 'status', status: 502 });
    await nextMinute();
    const id2 = await create({
      name: 'ibm-chain',
      type: 'optionsChain',
      schedule: { every: 300 },
      optionsChain: { symbols: ['IBM'], expirations: 1 },
    });
    expect((await triggerAndWait(h, id2)).result.items[0]).toMatchObject({ provider: 'alphavantage', stored: 2 });
    const ibm = await h.api().get('/market-data/options/IBM').expect(200);
    expect(ibm.body).toMatchObject({ provider: 'alphavantage', underlyingPrice: null, expirations: ['2026-01-16'] });
  });

  it('news: fails over to Polygon while Finnhub answers 503', async () => {
    await nextMinute();
    finnhub.failAlways({ kind: 'status', status: 503 });
    const id = await create({
      name: 'tsla-news',
      type: 'news',
      schedule: { every: 1800 },
      news: { symbols: ['TSLA'], lookbackHours: 24 },
    });
    expect((await triggerAndWait(h, id)).result.items[0]).toMatchObject({ provider: 'polygon', stored: 1 });
    const read = await h.api().get('/market-data/news?symbol=TSLA').expect(200);
    expect(read.body.items).toEqual([expect.objectContaining({ headline: 'Tesla ships', provider: 'polygon' })]);
  });

  it('economicEvents: only Finnhub documents the calendar, so its outage fails the run and says so', async () => {
    await nextMinute();
    finnhub.failAlways({ kind: 'status', status: 503 });
    const id = await create({
      name: 'calendar-down',
      type: 'economicEvents',
      schedule: { every: 43200 },
      retry: { maxAttempts: 1 },
      economicEvents: { daysAhead: 14 },
    });
    const run = await triggerAndWait(h, id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^economicEvents: every item failed: .*finnhub.*503/);
  });

  it('refuses bad sections with a 400 naming the field', async () => {
    const bad = await h
      .api()
      .post('/jobs')
      .send({ name: 'x', type: 'quotes', schedule: { every: 60 }, quotes: { symbols: [], extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^quotes\.extra/),
        expect.stringMatching(/^quotes\.symbols must be a non-empty array/),
      ]),
    );
    const missing = await h
      .api()
      .post('/jobs')
      .send({ name: 'y', type: 'optionsChain', schedule: { every: 60 } });
    expect(missing.body.message).toEqual([expect.stringMatching(/optionsChain is required/)]);
    const days = await h
      .api()
      .post('/jobs')
      .send({ name: 'z', type: 'earnings', schedule: { every: 60 }, earnings: { daysAhead: 0 } });
    expect(days.body.message).toEqual(['earnings.daysAhead must be an integer 1…365']);
    await h.api().get('/market-data/quotes').expect(400);
  });
});
