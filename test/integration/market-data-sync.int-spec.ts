import { ManualClock } from '../../src/base/time/clock.js';
import { btcusdt1m, FakeBinanceServer, FakeYahooServer } from '../fakes/vendors/index.js';
import { ManualTimers } from '../support/manual-timers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = Date.parse('2023-03-10T12:00:30.000Z');
const DAY = 86_400_000;
/** OLDUSDT stopped trading at 10:00: its latest bar is two hours old, i.e. stale. */
const oldBars = () =>
  btcusdt1m().filter(
    (b) => b.openTime >= Date.parse('2023-03-10T08:00:00Z') && b.openTime < Date.parse('2023-03-10T10:00:00Z'),
  );

describe('dataSync and cleanup jobs on the bars store (real database, real migrations)', () => {
  const clock = new ManualClock(NOW);
  const binance = new FakeBinanceServer({ clock })
    .setBars('BTCUSDT', '1m', btcusdt1m())
    .setBars('OLDUSDT', '1m', oldBars());
  const yahoo = new FakeYahooServer({ clock });
  let t: TestApp;
  const barCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM bars'))[0].n as number;

  /** Triggers the job and waits for its run to finish (the handler does real HTTP, so this polls). */
  async function runNow(jobId: string): Promise<{ status: string; result: any; error: string | null }> {
    const { body: run } = await t.api().post(`/jobs/${jobId}/trigger`).expect(202);
    for (let i = 0; i < 200; i++) {
      const { body } = await t.api().get(`/jobs/${jobId}/runs`).expect(200);
      const done = body.items.find((r: { id: string; status: string }) => r.id === run.id && r.status !== 'running');
      if (done) return done;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `run did not finish; vendor requests: ${[...binance.requests, ...yahoo.requests].map((r) => r.url).join('\n')}`,
    );
  }

  beforeAll(async () => {
    await Promise.all([binance.start(), yahoo.start()]);
    t = await startTestApp({
      clock,
      timers: new ManualTimers(clock),
      env: { BINANCE_BASE_URL: binance.baseUrl, YAHOO_BASE_URL: yahoo.baseUrl },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), yahoo.stop()]);
  });

  it('rejects a bad dataSync section with 400 naming each path', async () => {
    const res = await t
      .api()
      .post('/jobs')
      .send({
        name: 'bad-sync',
        type: 'dataSync',
        schedule: { every: 3600 },
        dataSync: { symbols: [], timeframes: ['2m'], lookbackBars: 0, colour: 'red' },
      });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'dataSync.colour is not a known field (provider, symbols, timeframes, lookbackBars)',
        'dataSync.symbols must be a non-empty array of at most 500 symbols',
        expect.stringMatching(/^dataSync\.timeframes\[0\] must be one of/),
        'dataSync.lookbackBars must be an integer 1…5000',
      ]),
    );
  });

  it('stores every symbol × timeframe, reports a failing symbol and a stale one, and goes on with the others', async () => {
    const created = await t
      .api()
      .post('/jobs')
      .send({
        name: 'sync',
        type: 'dataSync',
        schedule: { every: 3600 },
        dataSync: { symbols: ['BTCUSDT', 'NOPEUSDT', 'OLDUSDT'], timeframes: ['1m', '5m'], lookbackBars: 30 },
      })
      .expect(201);
    expect(created.body.dataSync).toEqual({
      symbols: ['BTCUSDT', 'NOPEUSDT', 'OLDUSDT'],
      timeframes: ['1m', '5m'],
      lookbackBars: 30,
    });
    const run = await runNow(created.body.id);
    expect(run.status).toBe('succeeded');
    const bySeries = Object.fromEntries(
      run.result.series.map((s: { symbol: string; timeframe: string }) => [`${s.symbol} ${s.timeframe}`, s]),
    );
    expect(bySeries['BTCUSDT 1m']).toEqual({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      provider: 'binance',
      barsStored: 30,
      latestBar: '2023-03-10T11:59:00.000Z',
      stale: false,
      error: null,
    });
    expect(bySeries['BTCUSDT 5m']).toMatchObject({
      provider: 'binance',
      barsStored: 30,
      latestBar: '2023-03-10T11:55:00.000Z',
      stale: false,
    });
    expect(bySeries['NOPEUSDT 1m']).toMatchObject({
      provider: null,
      barsStored: 0,
      error: expect.stringMatching(/not found at any provider/),
    });
    expect(bySeries['OLDUSDT 1m']).toMatchObject({
      provider: 'binance',
      latestBar: '2023-03-10T09:59:00.000Z',
      stale: true,
      error: null,
    });
    expect(run.result).toMatchObject({ ok: 4, failed: 2 });
    const oldStored = bySeries['OLDUSDT 1m'].barsStored + bySeries['OLDUSDT 5m'].barsStored;
    expect(await barCount()).toBe(60 + oldStored);
    clock.advance(1000); // Yahoo's free tier (2 requests a second) is asked about NOPEUSDT again
    const again = await runNow(created.body.id);
    expect(again.result.series.find((s: { symbol: string }) => s.symbol === 'BTCUSDT').barsStored).toBe(0); // already stored
  });

  it('cleanup purges bars older than barsOlderThanDays', async () => {
    const before = await barCount();
    expect(before).toBeGreaterThan(0);
    const { body: job } = await t
      .api()
      .post('/jobs')
      .send({
        name: 'purge',
        type: 'cleanup',
        schedule: { every: 86400 },
        cleanup: { barsOlderThanDays: 1 },
      })
      .expect(201);
    clock.set(NOW + DAY - 3_600_000); // 2023-03-11 11:00:30: bars that opened before 2023-03-10 11:00:30 go
    const run = await runNow(job.id);
    expect(run.status).toBe('succeeded');
    const [{ n: old }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM bars WHERE open_time < '2023-03-10T11:00:30Z'`,
    );
    expect(old).toBe(0);
    expect(await barCount()).toBe(30 + 11); // BTCUSDT 1m 11:30…11:59 and 5m 11:05…11:55 opened less than a day ago
    expect(run.result.barsDeleted).toBe(before - 41);
  });
});
