import { ManualClock } from '../../src/base/time/clock.js';
import { computeSeries, type SeriesRequest } from '../../src/indicators/core/index.js';
import { IndicatorService } from '../../src/indicators/indicator.service.js';
import { btcusdt1m, FakeBinanceServer, FakeYahooServer } from '../fakes/vendors/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = Date.parse('2023-03-10T12:00:30.000Z');
const EDGE = Date.parse('2023-03-10T12:00:00.000Z');

describe('POST /indicators/compute (whole app, fake Binance)', () => {
  const clock = new ManualClock(NOW);
  const binance = new FakeBinanceServer({ clock }).setBars('BTCUSDT', '1m', btcusdt1m());
  const yahoo = new FakeYahooServer({ clock });
  let t: TestApp;

  beforeAll(async () => {
    await Promise.all([binance.start(), yahoo.start()]);
    t = await startTestApp({
      clock,
      env: { BINANCE_BASE_URL: binance.baseUrl, YAHOO_BASE_URL: yahoo.baseUrl, SCHEDULER_MODE: 'api' },
    });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([binance.stop(), yahoo.stop()]);
  });

  it('runs the indicators over exactly the last N closed bars, equal to the core, null during warm-up', async () => {
    const body = {
      symbol: 'BTCUSDT',
      timeframe: '1m',
      bars: 120,
      indicators: [
        { indicator: 'rsi', params: { period: 14 } },
        { indicator: 'macd' },
        { indicator: 'bbands', params: { period: 20 }, output: 'upper' },
      ],
    };
    const res = await t.api().post('/indicators/compute').send(body);
    expect(res.status).toBe(200);
    const bars = btcusdt1m()
      .filter((b) => b.openTime < EDGE)
      .slice(-120);
    const requests: SeriesRequest[] = [
      { indicator: 'rsi', params: { period: 14 } },
      ...['macd', 'signal', 'histogram'].map((output) => ({ indicator: 'macd' as const, output })),
      { indicator: 'bbands', params: { period: 20 }, output: 'upper' },
    ];
    expect(res.body.provider).toBe('binance');
    expect(res.body.bars).toHaveLength(120);
    expect(res.body.bars[0].openTime).toBe(new Date(bars[0].openTime).toISOString());
    expect(Object.keys(res.body.series).sort()).toEqual([
      'bbands_20_2_upper',
      'macd_12_26_9_histogram',
      'macd_12_26_9_macd',
      'macd_12_26_9_signal',
      'rsi_14',
    ]);
    expect(res.body.series).toEqual(computeSeries(bars, requests));
    expect(res.body.series.rsi_14.slice(0, 14)).toEqual(Array(14).fill(null)); // TA-Lib's RSI lookback is the period
    expect(typeof res.body.series.rsi_14[14]).toBe('number');
    expect(res.body.series.macd_12_26_9_signal[32]).toBeNull(); // 26 + 9 − 2 = 33 bars of warm-up
    expect(typeof res.body.series.macd_12_26_9_signal[33]).toBe('number');
  });

  it('computes each distinct (indicator, params) once per window, however often it is asked', async () => {
    const service = t.get(IndicatorService);
    const body = {
      symbol: 'BTCUSDT',
      timeframe: '1m',
      bars: 120,
      indicators: [{ indicator: 'rsi', params: { period: 14 } }, { indicator: 'rsi' }],
    };
    const before = service.computations;
    const first = await t.api().post('/indicators/compute').send(body).expect(200);
    expect(Object.keys(first.body.series)).toEqual(['rsi_14']);
    await t.api().post('/indicators/compute').send(body).expect(200);
    expect(service.computations - before).toBe(0); // rsi_14 over this window was computed by the test above
  });

  it('answers 400 naming the field path, before fetching anything', async () => {
    const requests = binance.requests.length;
    const base = { symbol: 'BTCUSDT', timeframe: '1m', bars: 100 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { ...base, indicators: [{ indicator: 'rsi', params: { period: 0 } }] },
        /^indicators\[0\]\.params\.period must be an integer 1…1000$/m,
      ],
      [
        { ...base, indicators: [{ indicator: 'rsi', params: { length: 3 } }] },
        /^indicators\[0\]\.params\.length is not a param of rsi/m,
      ],
      [
        { ...base, indicators: [{ indicator: 'macd', output: 'upper' }] },
        /^indicators\[0\]\.output must be one of macd, signal, histogram$/m,
      ],
      [
        { ...base, indicators: [{ indicator: 'rsi' }, { indicator: 'teleport' }] },
        /^indicators\[1\]\.indicator must be one of/m,
      ],
      [{ ...base, indicators: [] }, /^indicators must contain at least 1 elements/m],
      [{ ...base, bars: 0, indicators: [{ indicator: 'rsi' }] }, /^bars must not be less than 1/m],
      [{ ...base, bars: 5001, indicators: [{ indicator: 'rsi' }] }, /^bars must not be greater than 5000/m],
      [{ ...base, timeframe: '2m', indicators: [{ indicator: 'rsi' }] }, /^timeframe must be one of/m],
      [{ ...base, extra: 1, indicators: [{ indicator: 'rsi' }] }, /extra should not exist/],
    ];
    for (const [body, pattern] of cases) {
      const res = await t.api().post('/indicators/compute').send(body);
      expect({ body, status: res.status, message: res.body.message?.join('\n') }).toEqual({
        body,
        status: 400,
        message: expect.stringMatching(pattern),
      });
    }
    expect(binance.requests.length).toBe(requests);
  });

  it('answers 404 for a symbol no provider knows', async () => {
    clock.advance(1000);
    const res = await t
      .api()
      .post('/indicators/compute')
      .send({
        symbol: 'NOPEUSDT',
        timeframe: '1m',
        bars: 10,
        indicators: [{ indicator: 'sma', params: { period: 3 } }],
      });
    expect(res.status).toBe(404);
    expect(res.body.message.join('\n')).toMatch(/^yahoo \(notFound\)/m);
  });
});
