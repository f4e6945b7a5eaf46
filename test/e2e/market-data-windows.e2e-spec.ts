import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { btcusdt1m, FakeBinanceServer, FakeYahooServer, spy1d } from '../fakes/vendors/index.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const MIN = 60_000;
/** "Now": long after every CSV of the repository ends. */
const NOW = Date.parse('2026-01-05T14:00:30.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const csvText = (header: string, bars: Bar[]) =>
  [header, ...bars.map((b) => [iso(b.openTime), b.open, b.high, b.low, b.close, b.volume].join(','))].join('\n');
/** A live 1m series ending at the forming minute of NOW: BTC's real minutes moved to January 2026. */
function live(scale = 1): Bar[] {
  const src = btcusdt1m().slice(-3000);
  const shift = Math.floor(NOW / MIN) * MIN - src.at(-1)!.openTime;
  return src.map((b) => ({
    ...b,
    openTime: b.openTime + shift,
    closeTime: b.closeTime + shift,
    open: b.open * scale,
    high: b.high * scale,
    low: b.low * scale,
    close: b.close * scale,
  }));
}
const old = () => btcusdt1m().slice(0, 600); // 2023-03-01 00:00 → 09:59

describe('windows of the last N closed bars, 404s and failover with the right symbol (whole app, loopback vendors)', () => {
  const clock = new ManualClock(NOW);
  // A Binance.US-like API: BTCUSD is one of its symbols, whatever a pattern of quote assets says.
  const binance = new FakeBinanceServer({ clock })
    .setBars('BTCUSD', '1m', live())
    .setBars('BTCUSDT', '1m', live())
    .setBars('ETHUSDT', '1m', live(0.05));
  // Yahoo has an unrelated "BTCUSDT" (a tenth of the price): an answer from it would be the wrong instrument.
  const yahoo = new FakeYahooServer({ clock }).setBars('BTCUSDT', '1m', live(0.1)).setBars('ETH-USD', '1m', live(0.05));
  let h: SchedulerHarness;
  let csvDir: string;

  beforeAll(async () => {
    await Promise.all([binance.start(), yahoo.start()]);
    h = await startSchedulerHarness({
      clock,
      env: {
        BINANCE_BASE_URL: binance.baseUrl,
        YAHOO_BASE_URL: yahoo.baseUrl,
        SYMBOL_MAP: JSON.stringify({ ETHUSDT: { yahoo: 'ETH-USD' } }),
      },
    });
    csvDir = join(h.config.dataDir, 'csv');
    mkdirSync(csvDir, { recursive: true });
    writeFileSync(join(csvDir, 'OLD_1m.csv'), csvText('time_iso,open,high,low,close,volume', old()));
    writeFileSync(join(csvDir, 'SPY_1d.csv'), csvText('time,open,high,low,close,volume', spy1d()));
  });
  afterAll(async () => {
    await h.close();
    await Promise.all([binance.stop(), yahoo.stop()]);
  });

  it('GET /market-data/bars on a CSV of past minutes answers its last N bars, however long ago', async () => {
    const res = await h.api().get('/market-data/bars?symbol=OLD&timeframe=1m&limit=3&provider=csv').expect(200);
    expect(res.body.provider).toBe('csv');
    expect(res.body.bars.map((b: { openTime: string }) => b.openTime)).toEqual(
      old()
        .slice(-3)
        .map((b) => iso(b.openTime)),
    );
    // Unpinned: Binance's exchangeInfo does not list OLD, Yahoo does not have it, the file does.
    const any = await h.api().get('/market-data/bars?symbol=OLD&timeframe=5m&limit=4').expect(200);
    expect(any.body.provider).toBe('csv');
    expect(any.body.bars.map((b: { openTime: string }) => b.openTime)).toEqual([
      '2023-03-01T09:40:00.000Z',
      '2023-03-01T09:45:00.000Z',
      '2023-03-01T09:50:00.000Z',
      '2023-03-01T09:55:00.000Z',
    ]);
  });

  it('a CSV whose header says `time` reads the same, and compute and preview count the same bars', async () => {
    const bars = await h.api().get('/market-data/bars?symbol=SPY&timeframe=1d&limit=5&provider=csv').expect(200);
    expect(bars.body.bars.map((b: { close: number }) => b.close)).toEqual(
      spy1d()
        .slice(-5)
        .map((b) => b.close),
    );
    const compute = await h
      .api()
      .post('/indicators/compute')
      .send({
        symbol: 'OLD',
        timeframe: '1m',
        provider: 'csv',
        bars: 100,
        indicators: [{ indicator: 'sma', params: { period: 10 } }],
      })
      .expect(200);
    expect(compute.body.bars).toHaveLength(100);
    expect(compute.body.bars.at(-1).openTime).toBe(iso(old().at(-1)!.openTime));
    const last10 = old().slice(-10);
    expect(compute.body.series.sma_10.at(-1)).toBeCloseTo(last10.reduce((s, b) => s + b.close, 0) / 10, 9);
    const preview = await h
      .api()
      .post('/alerts/preview')
      .send({
        alert: { symbol: 'SPY', provider: 'csv', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 0 }] } },
        bars: 300,
      })
      .expect(200);
    expect(preview.body).toMatchObject({ provider: 'csv', bars: 300, to: '2020-08-29T00:00:00.000Z' });
    expect(preview.body.from).toBe(iso(spy1d().at(-300)!.openTime));
  });

  it('an alert on a CSV that ended long ago is stale, naming its latest bar', async () => {
    const { body: job } = await h
      .api()
      .post('/jobs')
      .send({
        name: 'old-csv',
        type: 'alert',
        schedule: { bar: '1m', delaySeconds: 2 },
        retry: { maxAttempts: 1, backoffSeconds: 0 },
        alert: { symbol: 'OLD', provider: 'csv', timeframe: '1m', rule: { gt: [{ field: 'close' }, { value: 0 }] } },
      })
      .expect(201);
    await h.advance(60_000);
    const [run] = (await h.api().get(`/jobs/${job.id}/runs`)).body.items;
    expect(run).toMatchObject({
      status: 'succeeded',
      result: { outcome: 'stale', provider: 'csv', latestBar: iso(old().at(-1)!.openTime) },
    });
    await h.api().delete(`/jobs/${job.id}`).expect(204);
  });

  it('a symbol the provider does not have is a 404 naming the provider (csv: the file it looked for)', async () => {
    const csv = await h.api().get('/market-data/bars?symbol=NOPE&timeframe=1m&provider=csv');
    expect(csv.status).toBe(404);
    expect(csv.body.message[0]).toBe('symbol NOPE at 1m was not found at csv');
    expect(csv.body.message.join('\n')).toContain(`no file ${join(csvDir, 'NOPE_1m.csv')}`);
    expect(csv.body.message.join('\n')).not.toMatch(/yahoo/);
    const coarse = await h.api().get('/market-data/bars?symbol=SPY&timeframe=1h&provider=csv');
    expect(coarse.status).toBe(404);
    expect(coarse.body.message.join('\n')).toContain(`no file ${join(csvDir, 'SPY_1h.csv')}`);
    const yahooRequests = yahoo.requestCount();
    const pinned = await h.api().get('/market-data/bars?symbol=NOPEUSDT&timeframe=1m&provider=binance');
    expect(pinned.status).toBe(404);
    expect(pinned.body.message[0]).toBe('symbol NOPEUSDT at 1m was not found at binance');
    expect(yahoo.requestCount()).toBe(yahooRequests); // never asked with Binance's symbol
  });

  it("Binance.US's BTCUSD is served: whether Binance has a symbol is read from its exchangeInfo, cached", async () => {
    const res = await h.api().get('/market-data/bars?symbol=BTCUSD&timeframe=1m&limit=5').expect(200);
    expect(res.body.provider).toBe('binance');
    expect(res.body.bars.map((b: { openTime: string }) => b.openTime)).toEqual(
      live()
        .filter((b) => b.closeTime < clock.now())
        .slice(-5)
        .map((b) => iso(b.openTime)),
    );
    await h.api().get('/market-data/bars?symbol=BTCUSD&timeframe=5m&limit=5').expect(200);
    expect(binance.requestCount('/api/v3/exchangeInfo')).toBe(1);
  });

  it('a job pinned to binance never fails over to yahoo with BTCUSDT; SYMBOL_MAP names the symbol there', async () => {
    clock.advance(MIN);
    binance.failAlways({ kind: 'status', status: 500 });
    try {
      const yahooBefore = yahoo.requests.filter((r) => r.path.includes('BTCUSDT')).length;
      const pinned = await h.api().get('/market-data/bars?symbol=BTCUSDT&timeframe=1m&limit=5&provider=binance');
      expect(pinned.status).toBe(503);
      expect(pinned.body.message.join('\n')).toMatch(/^binance \(transient\)/m);
      expect(pinned.body.message.join('\n')).not.toMatch(/yahoo/);
      expect(yahoo.requests.filter((r) => r.path.includes('BTCUSDT')).length).toBe(yahooBefore);
      // ETHUSDT is mapped to Yahoo's ETH-USD: the failover asks Yahoo for that, and says who answered.
      clock.advance(1000); // Yahoo's free tier: 2 requests a second
      const mapped = await h.api().get('/market-data/bars?symbol=ETHUSDT&timeframe=1m&limit=5&provider=binance');
      expect(mapped.status).toBe(200);
      expect(mapped.body.provider).toBe('yahoo');
      expect(mapped.body.symbol).toBe('ETHUSDT');
      expect(mapped.body.bars.map((b: { close: number }) => b.close)).toEqual(
        live(0.05)
          .filter((b) => b.closeTime < clock.now())
          .slice(-5)
          .map((b) => b.close),
      );
      expect(yahoo.requests.some((r) => r.path.endsWith('/ETH-USD'))).toBe(true);
    } finally {
      binance.recover();
    }
  });
});
