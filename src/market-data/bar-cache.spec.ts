import type { Bar } from '../base/domain/bar.js';
import { BarCache, mergeBars } from './bar-cache.js';
import { vouchedTo, windowSpans } from './bar-window.js';
import { coverageBefore, joinCoverage, uncovered } from './core/coverage.js';

const M = 60_000;
const bar = (openTime: number, close = openTime / M): Bar => ({
  openTime,
  closeTime: openTime + M - 1,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});
const bars = (from: number, n: number) => Array.from({ length: n }, (_, i) => bar(from + i * M));

describe('BarCache', () => {
  it('serves a range only when it vouches for all of it', () => {
    const cache = new BarCache();
    cache.merge('k', { from: 0, to: 10 * M, bars: bars(0, 10) });
    expect(cache.covered('k', 2 * M, 5 * M, 0)?.map((b) => b.openTime)).toEqual([2 * M, 3 * M, 4 * M]);
    expect(cache.covered('k', 0, 11 * M, 0)).toBeNull(); // the tail past `to` is unknown
    expect(cache.covered('k', -M, 5 * M, 0)).toBeNull(); // so is the head before `from`
  });

  it('vouches for a probed range only until the probe expires', () => {
    const cache = new BarCache();
    cache.merge('k', { from: 0, to: 5 * M, bars: bars(0, 5), probedTo: 10 * M, probeUntil: 1000 });
    expect(cache.covered('k', 0, 10 * M, 999)).toHaveLength(5);
    expect(cache.covered('k', 0, 10 * M, 1000)).toBeNull();
  });

  it('joins touching ranges, and keeps the newer of disjoint ones', () => {
    const cache = new BarCache();
    cache.merge('k', { from: 0, to: 5 * M, bars: bars(0, 5) });
    cache.merge('k', { from: 5 * M, to: 8 * M, bars: bars(5 * M, 3) });
    expect(cache.peek('k')).toMatchObject({ from: 0, to: 8 * M });
    expect(cache.peek('k')!.bars).toHaveLength(8);
    cache.merge('k', { from: 100 * M, to: 101 * M, bars: bars(100 * M, 1) });
    expect(cache.peek('k')).toMatchObject({ from: 100 * M, to: 101 * M });
    cache.merge('k', { from: 0, to: 2 * M, bars: bars(0, 2) });
    expect(cache.peek('k')!.from).toBe(100 * M); // an older disjoint range never evicts the recent one
  });

  it('trims the oldest bars per series and evicts the least recently used series', () => {
    const cache = new BarCache({ maxBarsPerSeries: 4, maxBarsTotal: 6 });
    cache.merge('a', { from: 0, to: 10 * M, bars: bars(0, 10) });
    expect(cache.peek('a')).toMatchObject({ from: 6 * M, to: 10 * M });
    cache.merge('b', { from: 0, to: 3 * M, bars: bars(0, 3) });
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

describe('bar windows', () => {
  it('asks the provider only for what no covered range holds, never for gaps inside one', () => {
    expect(uncovered(0, 10 * M, [])).toEqual([[0, 10 * M]]);
    const known = [
      { from: 2 * M, to: 4 * M, historyStart: false },
      { from: 6 * M, to: 8 * M, historyStart: false },
    ];
    expect(uncovered(0, 10 * M, known)).toEqual([
      [0, 2 * M],
      [4 * M, 6 * M],
      [8 * M, 10 * M],
    ]);
    expect(uncovered(3 * M, 7 * M, known)).toEqual([[4 * M, 6 * M]]);
    // History starting at 6 minutes: nothing exists before it, so nothing before it is asked for.
    expect(uncovered(0, 10 * M, [{ from: 6 * M, to: 8 * M, historyStart: true }])).toEqual([[8 * M, 10 * M]]);
  });

  it('joins ranges that overlap or touch, keeping where history starts', () => {
    const known = [
      { from: 0, to: 2 * M, historyStart: true },
      { from: 5 * M, to: 6 * M, historyStart: false },
      { from: 9 * M, to: 12 * M, historyStart: false },
    ];
    expect(joinCoverage(known, { from: 2 * M, to: 5 * M, historyStart: false })).toEqual({
      from: 0,
      to: 6 * M,
      historyStart: true,
    });
    expect(coverageBefore(known, 6 * M)).toEqual(known[1]);
    expect(coverageBefore(known, 7 * M)).toBeUndefined();
  });

  it('answers the last N bars from memory only when it holds N, or all there are', () => {
    const cache = new BarCache();
    cache.merge('k', { from: 3 * M, to: 10 * M, bars: bars(3 * M, 7) });
    expect(cache.last('k', 10 * M, 5, 0)?.map((b) => b.openTime / M)).toEqual([5, 6, 7, 8, 9]);
    expect(cache.last('k', 10 * M, 8, 0)).toBeNull(); // bars before 3 may exist
    expect(cache.last('k', 11 * M, 2, 0)).toBeNull(); // the 10th minute is unknown
    cache.merge('k', { from: 3 * M, to: 10 * M, bars: bars(3 * M, 7), historyStart: true });
    expect(cache.last('k', 10 * M, 8, 0)).toHaveLength(7);
  });

  it('vouches near the present only up to the last bar seen, and for history in full', () => {
    const forming = 100 * M;
    expect(vouchedTo(90 * M, 100 * M, bars(90 * M, 10), M, forming)).toBe(100 * M);
    expect(vouchedTo(90 * M, 100 * M, bars(90 * M, 9), M, forming)).toBe(99 * M);
    expect(vouchedTo(90 * M, 100 * M, bars(90 * M, 5), M, forming)).toBe(98 * M); // older than two bars: final
    expect(vouchedTo(99 * M, 100 * M, [], M, forming)).toBe(99 * M);
    expect(vouchedTo(0, 50 * M, bars(0, 3), M, forming)).toBe(50 * M);
  });

  it('widens the span once for markets with closed hours', () => {
    const [exact, wide] = windowSpans(300, 3_600_000);
    expect(exact).toBe(300 * 3_600_000);
    expect(wide).toBeGreaterThan(300 * 3_600_000 * 5.2); // 6.5 trading hours a day, 5 days a week
  });

  it('merges two ascending lists, the second winning on the same bar', () => {
    expect(mergeBars([bar(0, 1), bar(M, 1)], [bar(M, 2), bar(2 * M, 2)]).map((b) => b.close)).toEqual([1, 2, 2]);
  });
});
