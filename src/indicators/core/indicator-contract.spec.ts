import { describe, expect, it } from '@jest/globals';
import { readOhlcvCsv } from '../../base/series/csv-series.js';
import { computeBatch, computeSeries } from './batch.js';
import { Bbands } from './bbands.js';
import { SERIES_DIR } from '../../../test/support/series-dir.js';
import {
  createIndicator,
  INDICATORS,
  validateIndicator,
  valueKey,
  warmupBars,
  type IndicatorParams,
} from './registry.js';
import { Sma } from './sma.js';
import { INDICATOR_NAMES, type Bar, type IndicatorName } from './types.js';

/** One contract for every indicator: warm-up, update, replace; plus numerics and the registry. */
const BARS = readOhlcvCsv(`${SERIES_DIR}/btcusdt_1m_binanceus_2023-03.csv`, '1m').slice(0, 400);

const CASES: [IndicatorName, IndicatorParams][] = [
  ...INDICATOR_NAMES.map((n) => [n, {}] as [IndicatorName, IndicatorParams]),
  ['sma', { period: 1 }],
  ['ema', { period: 1 }],
  ['rsi', { period: 1 }],
  ['adx', { period: 1 }],
  ['macd', { fastPeriod: 3, slowPeriod: 5, signalPeriod: 1 }],
  ['stoch', { kPeriod: 1, kSlowing: 1, dPeriod: 1 }],
];

/** A different forming bar: what the exchange showed before the bar closed. */
function perturbed(b: Bar, i: number): Bar {
  const f = 1 + ((i % 7) - 3) * 1e-3;
  return { ...b, high: b.high * f + 5, low: b.low * f - 5, close: b.close * f, volume: b.volume * 2 + 1 };
}

function run(
  name: IndicatorName,
  params: IndicatorParams,
  feed: (ind: ReturnType<typeof createIndicator>, b: Bar, i: number) => void,
) {
  const ind = createIndicator(name, params);
  return BARS.map((b, i) => {
    feed(ind, b, i);
    return ind.outputs.map((o) => ind.value(o));
  });
}

describe.each(CASES)('indicator contract: %s %j', (name, params) => {
  const reference = run(name, params, (ind, b) => ind.update(b));

  it('is null (never 0) during warm-up and defined right after it', () => {
    const warm = warmupBars(name, params);
    reference.slice(0, warm).forEach((vals, i) => expect([i, vals.every((v) => v === null)]).toEqual([i, true]));
    expect(reference[warm].every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(reference.slice(warm).every((vals) => vals.every((v) => v !== null))).toBe(true);
  });

  it('update returns the primary output', () => {
    const ind = createIndicator(name, params);
    for (const b of BARS) expect(ind.update(b)).toBe(ind.value());
  });

  it('replace then update equals updating with the corrected bar', () => {
    const corrected = run(name, params, (ind, b, i) => {
      ind.update(perturbed(b, i));
      ind.replace(b);
    });
    expect(corrected).toEqual(reference);
  });

  it('replace twice equals replace once with the last bar, and replace alone acts as update', () => {
    const twice = run(name, params, (ind, b, i) => {
      ind.update(perturbed(b, i));
      ind.replace(perturbed(b, i + 3));
      ind.replace(b);
    });
    expect(twice).toEqual(reference);
    const first = createIndicator(name, params);
    first.replace(BARS[0]);
    const plain = createIndicator(name, params);
    plain.update(BARS[0]);
    expect(first.outputs.map((o) => first.value(o))).toEqual(plain.outputs.map((o) => plain.value(o)));
  });
});

function syntheticBars(n: number, base: number, seed = 1): Bar[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const bars: Bar[] = [];
  let price = base;
  for (let i = 0; i < n; i++) {
    price *= 1 + (rand() - 0.5) * 0.01;
    bars.push({
      openTime: i * 60_000,
      closeTime: i * 60_000 + 59_999,
      open: price,
      high: price * 1.001,
      low: price * 0.999,
      close: price,
      volume: 1,
    });
  }
  return bars;
}

function exactStd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) };
}

describe('numerics', () => {
  it('bbands keeps a non-zero width for prices around $0.001 (TA-Lib zeroes σ² < 1e-14)', () => {
    const bars = syntheticBars(200, 0.001);
    const bb = new Bbands(20, 2);
    for (const b of bars) bb.update(b);
    const { mean, sd } = exactStd(bars.slice(-20).map((b) => b.close));
    expect(sd).toBeGreaterThan(0);
    expect(Math.abs(bb.value('upper')! - bb.value('lower')! - 4 * sd) / (4 * sd)).toBeLessThan(1e-9);
    expect(Math.abs(bb.value('middle')! - mean) / mean).toBeLessThan(1e-12);
  });

  it('a flat window has exactly zero width, not float residue', () => {
    const bb = new Bbands(5, 2);
    for (const b of syntheticBars(50, 123.456)) bb.update(b);
    for (let i = 0; i < 5; i++) bb.update({ ...BARS[0], close: 0.1 + 0.2 });
    expect(bb.value('upper')).toBe(bb.value('lower'));
  });

  it('streaming sma and bbands do not drift over 1,000,000 bars', () => {
    const bars = syntheticBars(1_000_000, 30_000, 7);
    const sma = new Sma(50);
    const bb = new Bbands(50, 2);
    for (const b of bars) {
      sma.update(b);
      bb.update(b);
    }
    const { mean, sd } = exactStd(bars.slice(-50).map((b) => b.close));
    expect(Math.abs(sma.value()! - mean) / mean).toBeLessThan(1e-13);
    expect(Math.abs(bb.value('upper')! - bb.value('middle')! - 2 * sd) / (2 * sd)).toBeLessThan(1e-9);
  });
});

describe('registry', () => {
  it('builds the §4a values keys', () => {
    expect(valueKey('rsi', { period: 14 })).toBe('rsi_14');
    expect(valueKey('ema', { period: 20 })).toBe('ema_20');
    expect(valueKey('macd', {}, 'signal')).toBe('macd_12_26_9_signal');
    expect(valueKey('bbands', { period: 20, stdDev: 2 }, 'upper')).toBe('bbands_20_2_upper');
    expect(valueKey('stoch', {}, 'd')).toBe('stoch_14_3_3_d');
    expect(valueKey('obv')).toBe('obv');
    expect(valueKey('vwap')).toBe('vwap_day');
  });

  it('explains every problem in words', () => {
    expect(validateIndicator('rsi', { period: 0 })).toEqual(['period must be an integer 1…1000']);
    expect(validateIndicator('rsi', { period: 14.5 })).toEqual(['period must be an integer 1…1000']);
    expect(validateIndicator('bbands', { stdDev: -1 })).toEqual(['stdDev must be a finite positive number']);
    expect(validateIndicator('bbands', { stdDev: Infinity })).toEqual(['stdDev must be a finite positive number']);
    expect(validateIndicator('sma', { length: 3 })[0]).toMatch(/^unknown param "length" for sma/);
    expect(validateIndicator('macd', {}, 'hist')[0]).toMatch(/^unknown output "hist" for macd/);
    expect(validateIndicator('foo')[0]).toMatch(/^unknown indicator "foo"/);
    expect(validateIndicator('vwap', { anchor: 'week' })).toEqual(['anchor must be one of: "day"']);
    expect(validateIndicator('macd', { fastPeriod: 12 }, 'histogram')).toEqual([]);
    expect(() => createIndicator('sma', { period: 2000 })).toThrow('period must be an integer 1…1000');
  });

  it('gives warm-up lengths equal to TA-Lib lookbacks', () => {
    expect(warmupBars('rsi', { period: 14 })).toBe(14);
    expect(warmupBars('macd', {})).toBe(33);
    expect(warmupBars('stoch', {})).toBe(17);
    expect(warmupBars('adx', { period: 14 })).toBe(27);
    expect(Object.keys(INDICATORS).sort()).toEqual([...INDICATOR_NAMES].sort());
  });

  it('computeSeries computes each distinct (indicator, params) once', () => {
    const calls: string[] = [];
    const counting: typeof computeBatch = (name, params, cols) => {
      calls.push(name);
      return computeBatch(name, params, cols);
    };
    const result = computeSeries(
      BARS,
      [
        { indicator: 'macd', params: {}, output: 'macd' },
        { indicator: 'macd', params: { fastPeriod: 12 }, output: 'signal' },
        { indicator: 'macd', params: { slowPeriod: 26, signalPeriod: 9 }, output: 'histogram' },
        { indicator: 'rsi', params: { period: 14 } },
        { indicator: 'rsi', params: { period: 14 } },
        { indicator: 'rsi', params: { period: 7 } },
      ],
      counting,
    );
    expect(calls.sort()).toEqual(['macd', 'rsi', 'rsi']);
    expect(Object.keys(result).sort()).toEqual([
      'macd_12_26_9_histogram',
      'macd_12_26_9_macd',
      'macd_12_26_9_signal',
      'rsi_14',
      'rsi_7',
    ]);
    expect(result.rsi_14).toHaveLength(BARS.length);
  });
});
