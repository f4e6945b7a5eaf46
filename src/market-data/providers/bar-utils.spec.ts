import { describe, expect, it } from '@jest/globals';
import { aggregateBars, alignOpenTime, makeBar, planTimeframe, selectBars } from './bar-utils.js';
import { zonedLocalToUtc } from './zoned-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('bar helpers', () => {
  it('plans folding from the largest native divisor, never daily from intraday', () => {
    const native = { '1m': '1m', '5m': '5m', '1h': '60m', '1d': '1d' } as const;
    expect(planTimeframe('4h', native)).toEqual({ base: '1h', interval: '60m', aggregate: true });
    expect(planTimeframe('15m', native)).toEqual({ base: '5m', interval: '5m', aggregate: true });
    expect(planTimeframe('1w', native)).toEqual({ base: '1d', interval: '1d', aggregate: true });
    expect(planTimeframe('1d', { '1h': '60m' })).toBeNull();
    expect(planTimeframe('1s', native)).toBeNull();
  });

  it('aligns vendor daily/weekly stamps to UTC days and Monday weeks', () => {
    expect(iso(alignOpenTime(Date.parse('2020-08-28T13:30:00Z'), '1d'))).toBe('2020-08-28T00:00:00.000Z');
    expect(iso(alignOpenTime(Date.parse('2020-01-05T05:00:00Z'), '1w'))).toBe('2020-01-06T00:00:00.000Z'); // Sunday → next Monday
    expect(iso(alignOpenTime(Date.parse('2020-01-10T00:00:00Z'), '1w'))).toBe('2020-01-06T00:00:00.000Z'); // Friday → its Monday
  });

  it('aggregates OHLCV and leaves gaps as gaps', () => {
    const m = (i: number, o: number, h: number, l: number, c: number) => makeBar(i * 60_000, '1m', o, h, l, c, 1);
    const out = aggregateBars([m(0, 1, 2, 0.5, 1.5), m(1, 1.5, 3, 1, 2), m(10, 5, 6, 4, 5.5)], '5m');
    expect(out).toEqual([makeBar(0, '5m', 1, 3, 0.5, 2, 2), makeBar(600_000, '5m', 5, 6, 4, 5.5, 1)]);
  });

  it('selects [from, to), sorted, deduplicated, closed unless asked', () => {
    const bars = [2, 0, 1, 1, 3].map((i) => makeBar(i * 60_000, '1m', i, i, i, i, i));
    const q = { symbol: 'X', timeframe: '1m' as const, fromMs: 60_000, toMs: 240_000, nowMs: 180_000 };
    expect(selectBars(bars, q).map((b) => b.openTime)).toEqual([60_000, 120_000]); // 120_000 closed at 179_999
    expect(selectBars(bars, { ...q, includeForming: true }).map((b) => b.openTime)).toEqual([60_000, 120_000, 180_000]);
  });

  it('converts New York wall-clock times across DST', () => {
    expect(iso(zonedLocalToUtc('2023-03-11 12:00:00', 'US/Eastern'))).toBe('2023-03-11T17:00:00.000Z');
    expect(iso(zonedLocalToUtc('2023-03-13 12:00:00', 'US/Eastern'))).toBe('2023-03-13T16:00:00.000Z');
    expect(zonedLocalToUtc('garbage', 'US/Eastern')).toBeNaN();
  });
});
