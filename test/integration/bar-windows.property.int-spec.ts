import fc from 'fast-check';
import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { DataManager } from '../../src/market-data/data-manager.service.js';
import { btcusdt1m, FakeBinanceServer } from '../fakes/vendors/index.js';
import { ManualTimers } from '../support/manual-timers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;
/** The series' first bar, and "now" at the start of every run (30 s into a minute). */
const START = Date.parse('2023-03-10T00:00:00.000Z');
const LENGTH = 6000;
const NOW = START + LENGTH * MIN + 30_000;

/** BTCUSDT's real minutes from START, with the runs of minutes listed in `gaps` removed (an illiquid pair). */
function gappySeries(gaps: Array<[number, number]>): Bar[] {
  const missing = new Set<number>();
  for (const [at, length] of gaps) for (let i = at; i < Math.min(LENGTH, at + length); i++) missing.add(i);
  return btcusdt1m()
    .filter((b) => b.openTime >= START && b.openTime < START + LENGTH * MIN)
    .filter((b) => !missing.has((b.openTime - START) / MIN));
}

/** What CONTRACT §8 says the answer is: the source's last `n` closed rows before `end`. */
function expected(source: Bar[], n: number, end: number, now: number): number[] {
  const formingOpen = Math.floor(now / MIN) * MIN;
  return source
    .filter((b) => b.openTime < Math.min(end, formingOpen))
    .slice(-n)
    .map((b) => b.openTime);
}

const request = fc.record({
  n: fc.integer({ min: 1, max: 5000 }),
  /** Minutes before now at which the window ends (0: the latest closed bar), as alerts and dataSync ask. */
  endBack: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
  /** The clock moves on before the request (new bars close meanwhile). */
  advance: fc.integer({ min: 0, max: 3 }),
});

describe('windows of the last N bars on gappy series (property: real Postgres, fake Binance on loopback)', () => {
  const clock = new ManualClock(NOW);
  const binance = new FakeBinanceServer({ clock });
  let t: TestApp;
  let data: DataManager;
  let run = 0;

  beforeAll(async () => {
    await binance.start();
    t = await startTestApp({
      clock,
      timers: new ManualTimers(clock),
      env: { BINANCE_BASE_URL: binance.baseUrl, SCHEDULER_MODE: 'api' },
    });
    data = t.get(DataManager);
  });
  afterAll(async () => {
    await t.close();
    await binance.stop();
  });

  it('answers exactly the source’s last N rows whatever was asked and stored before', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: LENGTH - 1 }), fc.integer({ min: 1, max: 400 })), {
          maxLength: 25,
        }),
        fc.array(request, { minLength: 2, maxLength: 7 }),
        async (gaps, requests) => {
          const symbol = `GAP${run++}USDT`; // a fresh series per case: the store starts empty
          clock.set(NOW);
          const source = gappySeries(gaps);
          binance.setBars(symbol, '1m', source);
          for (const r of requests) {
            // A few seconds pass between requests whatever else happens: the vendor's rate limiter
            // (20 requests a second) refills on this clock.
            clock.advance(r.advance * MIN + 5_000);
            const end = Math.floor(clock.now() / MIN) * MIN - r.endBack * MIN;
            const { bars } = await data.getClosedBars({
              symbol,
              timeframe: '1m',
              provider: 'binance',
              limit: r.n,
              toMs: end,
            });
            expect(bars.map((b) => b.openTime)).toEqual(expected(source, r.n, end, clock.now()));
          }
        },
      ),
      { numRuns: 25, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  }, 600_000);

  it('the reported case: the last 1,000 bars, then the last 5,000, then the last 1,000 again', async () => {
    const symbol = 'ILLIQUIDUSDT';
    clock.set(NOW);
    // Hundreds of missing minutes, spread over the whole series.
    const gaps: Array<[number, number]> = Array.from({ length: 30 }, (_, i) => [i * 200 + 37, 60 + (i % 7) * 20]);
    const source = gappySeries(gaps);
    binance.setBars(symbol, '1m', source);
    for (const n of [1000, 5000, 1000, 4000]) {
      clock.advance(1000); // the vendor's rate limiter refills on this clock
      const { bars } = await data.getClosedBars({ symbol, timeframe: '1m', provider: 'binance', limit: n });
      expect(bars.map((b) => b.openTime)).toEqual(expected(source, n, Infinity, clock.now()));
    }
    // Restarted cache: the store alone must still answer exactly.
    const fresh = t.get(DataManager) as unknown as { cache: { clear(): void } };
    fresh.cache.clear();
    const { bars } = await data.getClosedBars({ symbol, timeframe: '1m', provider: 'binance', limit: 5000 });
    expect(bars.map((b) => b.openTime)).toEqual(expected(source, 5000, Infinity, clock.now()));
  });
});
