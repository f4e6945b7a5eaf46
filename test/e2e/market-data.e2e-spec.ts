import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import type { GuardedProvider } from '../../src/market-data/core/guarded-provider.js';
import { MARKET_DATA_PROVIDERS } from '../../src/market-data/provider-set.js';
import { btcusdt1m, FakeBinanceServer, FakeYahooServer } from '../fakes/vendors/index.js';
import { ManualTimers } from '../support/manual-timers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse('2023-03-10T12:00:30.000Z');
const MIN = 60_000;
const asJson = (b: Bar) => ({
  openTime: iso(b.openTime),
  closeTime: iso(b.closeTime),
  open: b.open,
  high: b.high,
  low: b.low,
  close: b.close,
  volume: b.volume,
});
/** The shared CSV's bars with openTime in [from, to). */
const csv = (from: number, to: number) => btcusdt1m().filter((b) => b.openTime >= from && b.openTime < to);
/** ETHUSDT at Yahoo only: BTC's shape at a tenth of the price, so an answer from the wrong vendor shows. */
const eth = () =>
  btcusdt1m().map((b) => ({ ...b, open: b.open / 10, high: b.high / 10, low: b.low / 10, close: b.close / 10 }));

describe('GET /market-data/bars (whole app, fake Binance and Yahoo on loopback)', () => {
  const clock = new ManualClock(T0);
  // SOLUSDT is listed in exchangeInfo (so Binance is asked for it) but its klines fail in the 503 test.
  const binance = new FakeBinanceServer({ clock })
    .setBars('BTCUSDT', '1m', btcusdt1m())
    .setBars('SOLUSDT', '1m', btcusdt1m())
    .setBars('ETHUSDT', '1m', btcusdt1m()); // listed, so the failover test asks Binance first
  const yahoo = new FakeYahooServer({ clock }).setBars('ETHUSDT', '1m', eth());
  let t: TestApp;
  const klines = () => binance.requestCount('/api/v3/klines');
  const storedCount = async (symbol: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM bars WHERE symbol = $1', [symbol]))[0].n;

  beforeAll(async () => {
    await Promise.all([binance.start(), yahoo.start()]);
    t = await startTestApp({
      clock,
      timers: new ManualTimers(clock),
      env: { BINANCE_BASE_URL: binance.baseUrl, YAHOO_BASE_URL: yahoo.baseUrl, SCHEDULER_MODE: 'api' },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), yahoo.stop()]);
  });

  it("answers the last closed bars with exactly the vendor's values, never the forming bar", async () => {
    const res = await t.api().get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=50');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'binance',
      symbol: 'BTCUSDT',
      timeframe: '1m',
      bars: csv(T0 - 30_000 - 50 * MIN, T0 - 30_000).map(asJson),
    });
    expect(res.body.bars.at(-1).openTime).toBe('2023-03-10T11:59:00.000Z'); // 12:00 is still forming at 12:00:30
    expect(klines()).toBe(1);
    expect(await storedCount('BTCUSDT')).toBe(50);
  });

  it('serves a repeated or narrower request from memory, without asking the vendor', async () => {
    const again = await t.api().get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=50').expect(200);
    const narrow = await t
      .api()
      .get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=10&provider=binance')
      .expect(200);
    expect(again.body.bars).toHaveLength(50);
    expect(narrow.body.bars).toEqual(again.body.bars.slice(-10));
    expect(klines()).toBe(1);
  });

  it('fetches only the missing tail once the clock has moved three bars, and never stores the forming bar', async () => {
    clock.advance(3 * MIN); // 12:03:30
    const res = await t.api().get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=50').expect(200);
    expect(res.body.bars).toEqual(csv(T0 - 30_000 - 47 * MIN, T0 - 30_000 + 3 * MIN).map(asJson));
    expect(klines()).toBe(2);
    const tail = binance.requests.at(-1)!.query;
    expect({ start: iso(Number(tail.get('startTime'))), end: iso(Number(tail.get('endTime')) + 1) }).toEqual({
      start: '2023-03-10T12:00:00.000Z',
      end: '2023-03-10T12:03:00.000Z',
    });
    expect(await storedCount('BTCUSDT')).toBe(53);
    const future = await t
      .api()
      .get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&to=2023-03-11T00:00:00Z&limit=5')
      .expect(200);
    expect(future.body.bars.at(-1).openTime).toBe('2023-03-10T12:02:00.000Z');
    const [{ latest }] = await t.dataSource.query('SELECT max(open_time) AS latest FROM bars');
    expect(new Date(latest).toISOString()).toBe('2023-03-10T12:02:00.000Z');
  });

  it('shares one vendor request among concurrent requests for the same bars', async () => {
    const before = klines();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.api().get(`/market-data/bars?symbol=BTCUSDT&timeframe=5m&limit=${20 + (i % 2)}`),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(answers[1].body.bars.slice(1)).toEqual(answers[0].body.bars);
    expect(klines() - before).toBeLessThanOrEqual(2); // one per distinct window at most, never one per caller
  });

  it('reads from (inclusive) to (exclusive) by openTime, and pages forward from `from` with limit', async () => {
    const res = await t
      .api()
      .get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&from=2023-03-10T09:00:00Z&to=2023-03-10T09:10:00Z')
      .expect(200);
    expect(res.body.bars).toEqual(
      csv(Date.parse('2023-03-10T09:00:00Z'), Date.parse('2023-03-10T09:10:00Z')).map(asJson),
    );
    const paged = await t
      .api()
      .get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&from=2023-03-10T09:00:00Z&limit=3')
      .expect(200);
    expect(paged.body.bars.map((b: { openTime: string }) => b.openTime)).toEqual(
      ['09:00', '09:01', '09:02'].map((m) => `2023-03-10T${m}:00.000Z`),
    );
  });

  it('fails over to the next provider when the first answers 500, and says who served', async () => {
    clock.advance(1000); // Yahoo's free tier refills 2 requests a second
    binance.failNext({ kind: 'status', status: 500 }, 3); // every retry of the one logical call
    const res = await t.api().get('/market-data/bars?symbol=ETHUSDT&timeframe=1m&limit=20').expect(200);
    expect(res.body.provider).toBe('yahoo');
    const now = clock.now();
    const edge = now - (now % MIN);
    expect(res.body.bars).toEqual(
      eth()
        .filter((b) => b.openTime >= edge - 20 * MIN && b.openTime < edge)
        .map(asJson),
    );
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM bars WHERE provider = 'yahoo' AND symbol = 'ETHUSDT'`,
    );
    expect(n).toBe(20);
  });

  it('answers 400 naming the field for bad queries, before asking any vendor', async () => {
    const before = klines();
    const cases: Array<[string, RegExp]> = [
      ['timeframe=1m', /^symbol must/m],
      ['symbol=BTCUSDT&timeframe=2m', /^timeframe must be one of/m],
      ['symbol=BTCUSDT&timeframe=1m&provider=nasdaq', /^provider must be one of/m],
      ['symbol=BTCUSDT&timeframe=1m&limit=0', /^limit must not be less than 1/m],
      ['symbol=BTCUSDT&timeframe=1m&limit=5001', /^limit must not be greater than 5000/m],
      ['symbol=BTCUSDT&timeframe=1m&from=yesterday', /^from must be an ISO-8601 time/m],
      ['symbol=BTCUSDT&timeframe=1m&from=2023-03-10T10:00:00Z&to=2023-03-10T09:00:00Z', /^from must be before to/m],
      ['symbol=BTCUSDT&timeframe=1m&colour=red', /colour should not exist/],
      ['symbol=BTCUSDT&timeframe=1m&provider=finnhub', /^provider finnhub is not enabled in this deployment/m],
    ];
    for (const [query, pattern] of cases) {
      const res = await t.api().get(`/market-data/bars?${query}`);
      expect({ query, status: res.status, message: res.body.message?.join('\n') }).toEqual({
        query,
        status: 400,
        message: expect.stringMatching(pattern),
      });
    }
    expect(klines()).toBe(before);
    expect((await t.anon().get('/market-data/bars?symbol=BTCUSDT&timeframe=1m')).status).toBe(401);
  });

  it("answers 404 with each provider's reason for a symbol no provider knows", async () => {
    clock.advance(1000);
    const res = await t.api().get('/market-data/bars?symbol=NOPEUSDT&timeframe=1m');
    expect(res.status).toBe(404);
    const text = res.body.message.join('\n');
    expect(text).toMatch(/NOPEUSDT/);
    // Binance's exchangeInfo does not list it: no klines request, the reason is named.
    expect(text).toMatch(/^binance \(notFound\): NOPEUSDT is not among the symbols it lists/m);
    expect(text).toMatch(/^yahoo \(notFound\): /m);
  });

  it('answers 503 (never 500) when every provider fails, and stores nothing', async () => {
    clock.advance(1000);
    binance.failNext({ kind: 'status', status: 502 }, 3);
    yahoo.failNext({ kind: 'status', status: 401, body: '{"finance":{"error":{"code":"Unauthorized"}}}' });
    const res = await t.api().get('/market-data/bars?symbol=SOLUSDT&timeframe=1m');
    expect(res.status).toBe(503);
    expect(res.body.message.join('\n')).toMatch(/^binance \(transient\)/m);
    expect(await storedCount('SOLUSDT')).toBe(0);
  });

  it('reports an open circuit as degraded health naming the provider, without calling vendors, and counts requests', async () => {
    const requestsBefore = binance.requests.length + yahoo.requests.length;
    const providers = t.get<GuardedProvider[]>(MARKET_DATA_PROVIDERS as never);
    const guarded = providers.find((p) => p.name === 'binance')!;
    for (let i = 0; i < 5; i++) guarded.breaker.recordFailure(new Error('binance: HTTP 500'));
    const res = await t.anon().get('/health');
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    expect(res.body.status).toBe('degraded');
    // 7 = the failed calls of the failover and 503 tests above, plus these 5
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^provider binance down: circuit open after 7 failures, next attempt \d{4}-\d\d-\d\dT[\d:.]+Z$/,
        ),
      ]),
    );
    expect(res.body.checks['provider:yahoo'].status).toBe('up');
    guarded.breaker.recordSuccess();
    expect((await t.anon().get('/health')).body.checks['provider:binance'].status).toBe('up');
    expect(binance.requests.length + yahoo.requests.length).toBe(requestsBefore);
    const metrics = (await t.anon().get('/metrics')).text;
    expect(metrics).toMatch(/market_scheduler_provider_requests_total\{provider="binance",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/market_scheduler_provider_requests_total\{provider="binance",outcome="transient"\} \d+/);
  });
});
