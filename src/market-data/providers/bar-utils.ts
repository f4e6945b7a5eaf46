import type { Bar } from '../../base/domain/bar.js';
import { barCloseTime, barOpenTime, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import type { CandleQuery } from '../core/market-data-provider.js';

const DAY_MS = 86_400_000;

/**
 * Vendors stamp daily and weekly bars at the session open (Yahoo 13:30Z), at midnight New York
 * (Polygon 04:00/05:00Z, weeks from Sunday) or at the week's last trading day (Alpha Vantage
 * Friday). The contract wants UTC-aligned bars, so 1d/1w stamps are snapped to the UTC day/week
 * they belong to; intraday stamps are kept as the vendor gives them (a 09:30 New York hour bar
 * really starts at :30).
 */
export function alignOpenTime(vendorTimeMs: number, tf: Timeframe): number {
  if (tf === '1d') return barOpenTime(vendorTimeMs, '1d');
  // Shifting by two days maps Sunday stamps to the following Monday and Friday stamps to their own week.
  if (tf === '1w') return barOpenTime(vendorTimeMs + 2 * DAY_MS, '1w');
  return vendorTimeMs;
}

export function makeBar(openTime: number, tf: Timeframe, o: number, h: number, l: number, c: number, v: number): Bar {
  return { openTime, closeTime: barCloseTime(openTime, tf), open: o, high: h, low: l, close: c, volume: v };
}

/** Vendors send prices as strings or numbers; anything that is not a finite number is a broken body. */
export function toNumber(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : Number.NaN;
}

export function isValidBar(bar: Bar): boolean {
  return [bar.openTime, bar.open, bar.high, bar.low, bar.close, bar.volume].every(Number.isFinite);
}

/** Sort, drop duplicates (last wins), keep [from, to) and, unless asked, only closed bars. */
export function selectBars(bars: Bar[], query: CandleQuery): Bar[] {
  const byOpen = new Map<number, Bar>();
  for (const bar of bars) byOpen.set(bar.openTime, bar);
  return [...byOpen.values()]
    .filter((b) => b.openTime >= query.fromMs && b.openTime < query.toMs)
    .filter((b) => query.includeForming || b.closeTime < query.nowMs)
    .sort((a, b) => a.openTime - b.openTime);
}

/**
 * Folds bars of a finer timeframe into `tf` buckets (UTC-aligned). Gaps stay gaps: a bucket with
 * no source bars produces no bar. Used where a vendor lacks a timeframe (Yahoo has no 4h).
 */
export function aggregateBars(bars: readonly Bar[], tf: Timeframe): Bar[] {
  const out: Bar[] = [];
  let cur: Bar | undefined;
  for (const b of bars) {
    const open = barOpenTime(b.openTime, tf);
    if (!cur || cur.openTime !== open) {
      cur = makeBar(open, tf, b.open, b.high, b.low, b.close, b.volume);
      out.push(cur);
      continue;
    }
    cur.high = Math.max(cur.high, b.high);
    cur.low = Math.min(cur.low, b.low);
    cur.close = b.close;
    cur.volume += b.volume;
  }
  return out;
}

export interface TimeframePlan {
  /** The timeframe actually requested from the vendor. */
  base: Timeframe;
  /** The vendor's spelling of `base`. */
  interval: string;
  /** True when the bars must be folded from `base` into the requested timeframe. */
  aggregate: boolean;
}

/**
 * How to obtain `tf` from a vendor offering `native` intervals: directly, or by folding the largest
 * native intraday timeframe that divides it. Daily bars are never built from intraday bars
 * (sessions and holidays make that wrong); weekly bars may be built from daily ones.
 */
export function planTimeframe(tf: Timeframe, native: Partial<Record<Timeframe, string>>): TimeframePlan | null {
  const direct = native[tf];
  if (direct) return { base: tf, interval: direct, aggregate: false };
  const candidates = TIMEFRAMES.filter((b) => native[b] && TIMEFRAME_MS[b] < TIMEFRAME_MS[tf])
    .filter((b) => TIMEFRAME_MS[tf] % TIMEFRAME_MS[b] === 0)
    .filter((b) => (tf === '1w' ? b === '1d' : TIMEFRAME_MS[tf] < DAY_MS));
  const base = candidates[candidates.length - 1];
  return base ? { base, interval: native[base] as string, aggregate: true } : null;
}

/** Timeframes reachable through `planTimeframe`, for `supportedTimeframes`. */
export function reachableTimeframes(native: Partial<Record<Timeframe, string>>): Timeframe[] {
  return TIMEFRAMES.filter((tf) => planTimeframe(tf, native) !== null);
}

/**
 * Runs `fetchBase` for the plan's base timeframe over the query range (widened to the start of
 * the first requested bucket), folds if needed, then applies the range and closed-bar rules on
 * the requested timeframe — so a 4h bar counts as closed only when its whole 4 hours are over.
 */
export async function fetchViaPlan(
  query: CandleQuery,
  plan: TimeframePlan,
  fetchBase: (fromMs: number, toMs: number) => Promise<Bar[]>,
): Promise<Bar[]> {
  const fromMs = plan.aggregate ? barOpenTime(query.fromMs, query.timeframe) : query.fromMs;
  const raw = await fetchBase(fromMs, query.toMs);
  if (!plan.aggregate) return selectBars(raw, query);
  const base = selectBars(raw, { ...query, timeframe: plan.base, fromMs, includeForming: true });
  return selectBars(aggregateBars(base, query.timeframe), query);
}
