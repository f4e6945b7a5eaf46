import type { Bar } from '../base/domain/bar.js';
import { coverageStart } from './core/coverage.js';

/**
 * What one series' cache entry vouches for: every closed bar that exists with openTime in
 * [from, to) is in `bars`. `probedTo`/`probeUntil` extend that to `probedTo` for a short while
 * after a fetch found nothing newer (a closed market, a vendor a bar behind), so repeated calls do
 * not hit the vendor again at once, yet the missing bar is asked for again soon.
 */
export interface CachedRange {
  from: number;
  to: number;
  bars: Bar[];
  /** The provider has no bar before `from` (the range reaches back to the beginning of time). */
  historyStart?: boolean;
  probedTo?: number;
  probeUntil?: number;
}

const startOf = (r: CachedRange) => coverageStart({ from: r.from, to: r.to, historyStart: r.historyStart === true });

export interface BarCacheOptions {
  /** Bars kept per series; the oldest go first (coverage shrinks with them). */
  maxBarsPerSeries?: number;
  /** Bars kept over all series (~100 bytes each); the least recently used series go first. */
  maxBarsTotal?: number;
}

/** First index with openTime >= t (bars ascending). */
export function lowerBound(bars: readonly Bar[], t: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid].openTime < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `a` and `b` ascending; on the same openTime `b` wins (it is the newer fetch). */
export function mergeBars(a: readonly Bar[], b: readonly Bar[]): Bar[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const byOpen = new Map<number, Bar>();
  for (const bar of a) byOpen.set(bar.openTime, bar);
  for (const bar of b) byOpen.set(bar.openTime, bar);
  return [...byOpen.values()].sort((x, y) => x.openTime - y.openTime);
}

/**
 * Recent closed bars per series, in memory, so the bar close that many alerts watch is read from
 * the store or the vendor once. Closed bars never change, so entries never expire; they only grow
 * at the tail, are trimmed at the head and are evicted least-recently-used.
 */
export class BarCache {
  private readonly entries = new Map<string, CachedRange>();
  private total = 0;
  private readonly maxPerSeries: number;
  private readonly maxTotal: number;

  constructor(options: BarCacheOptions = {}) {
    this.maxPerSeries = options.maxBarsPerSeries ?? 8000;
    this.maxTotal = options.maxBarsTotal ?? 1_000_000;
  }

  get size(): number {
    return this.entries.size;
  }

  peek(key: string): CachedRange | undefined {
    return this.entries.get(key);
  }

  /** The bars with openTime in [from, to) when the entry vouches for that whole range, else null. */
  covered(key: string, from: number, to: number, nowMs: number): Bar[] | null {
    const e = this.entries.get(key);
    if (!e || from < e.from) return null;
    const vouchedTo = e.probedTo !== undefined && nowMs < (e.probeUntil ?? 0) ? Math.max(e.to, e.probedTo) : e.to;
    if (to > vouchedTo) return null;
    this.touch(key, e);
    return e.bars.slice(lowerBound(e.bars, from), lowerBound(e.bars, to));
  }

  /**
   * The last `n` bars before `end` (CONTRACT §8) when the entry vouches for them: it covers up to
   * `end` and holds `n` bars there, or all there are when its history starts.
   */
  last(key: string, end: number, n: number, nowMs: number): Bar[] | null {
    const e = this.entries.get(key);
    if (!e || startOf(e) >= end) return null;
    const vouchedTo = e.probedTo !== undefined && nowMs < (e.probeUntil ?? 0) ? Math.max(e.to, e.probedTo) : e.to;
    if (end > vouchedTo) return null;
    const hi = lowerBound(e.bars, end);
    const lo = Math.max(0, hi - n);
    if (hi - lo < n && !e.historyStart) return null;
    this.touch(key, e);
    return e.bars.slice(lo, hi);
  }

  /** Whatever the entry holds in [from, to), vouched for or not. */
  slice(key: string, from: number, to: number): Bar[] {
    const e = this.entries.get(key);
    return e ? e.bars.slice(lowerBound(e.bars, from), lowerBound(e.bars, to)) : [];
  }

  /**
   * Adds a range just loaded. Touching or overlapping ranges are joined; a disjoint one replaces
   * the entry when it is more recent (alerts read the recent end), and is dropped otherwise.
   */
  merge(key: string, range: CachedRange): void {
    const e = this.entries.get(key);
    let next: CachedRange = range;
    if (e && startOf(range) <= e.to && startOf(e) <= range.to) {
      const newer = range.to >= e.to ? range : e;
      next = {
        from: Math.min(e.from, range.from),
        to: Math.max(e.to, range.to),
        bars: mergeBars(e.bars, range.bars),
        historyStart: e.historyStart === true || range.historyStart === true,
        probedTo: newer.probedTo,
        probeUntil: newer.probeUntil,
      };
    } else if (e && range.to < e.from) {
      return;
    }
    this.set(key, this.trimmed(next));
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private trimmed(r: CachedRange): CachedRange {
    if (r.bars.length <= this.maxPerSeries) return r;
    const bars = r.bars.slice(r.bars.length - this.maxPerSeries);
    return { ...r, bars, from: bars[0].openTime, historyStart: false };
  }

  private set(key: string, r: CachedRange): void {
    const old = this.entries.get(key);
    if (old) this.total -= old.bars.length;
    this.entries.delete(key);
    this.entries.set(key, r);
    this.total += r.bars.length;
    for (const [k, v] of this.entries) {
      if (this.total <= this.maxTotal || k === key) break;
      this.entries.delete(k);
      this.total -= v.bars.length;
    }
  }

  private touch(key: string, e: CachedRange): void {
    this.entries.delete(key);
    this.entries.set(key, e);
  }
}
