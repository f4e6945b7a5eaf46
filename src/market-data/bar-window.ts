import type { Bar } from '../base/domain/bar.js';

const DAY_MS = 86_400_000;
/**
 * When the last N bars do not fit in N timeframes (stocks: nights, weekends, holidays), the window
 * is widened once to cover them: ×6 covers US intraday sessions (6.5 h of 24 h, 5 days of 7) and
 * 4 extra days a long weekend at any timeframe.
 */
const WIDEN_FACTOR = 6;
const WIDEN_EXTRA_MS = 4 * DAY_MS;

/** Time spans to try, in order, for `limit` bars: the exact one first, then the widened one. */
export function windowSpans(limit: number, tfMs: number): number[] {
  return [limit * tfMs, limit * tfMs * WIDEN_FACTOR + WIDEN_EXTRA_MS];
}

/**
 * Ranges of [from, to) not present in `stored` (ascending closed bars of that range): the whole
 * range when nothing is stored, else the head before the first and the tail after the last stored
 * bar. Holes between stored bars are not filled: they are the vendor's own gaps.
 */
export function missingRanges(from: number, to: number, stored: readonly Bar[], tfMs: number): Array<[number, number]> {
  if (from >= to) return [];
  if (stored.length === 0) return [[from, to]];
  const ranges: Array<[number, number]> = [];
  const first = stored[0].openTime;
  const next = stored[stored.length - 1].openTime + tfMs;
  if (first > from) ranges.push([from, first]);
  if (next < to) ranges.push([next, to]);
  return ranges;
}

/**
 * How far a load of [from, to) can be vouched for. History is final: a range ending two bars or
 * more before the forming bar is vouched for whole. Near the present, only up to the last bar
 * seen when the bar just before `to` is absent (a vendor a bar behind, a closed market), so that
 * bar is asked for again on a later call.
 */
export function vouchedTo(from: number, to: number, bars: readonly Bar[], tfMs: number, formingOpen: number): number {
  if (to <= formingOpen - 2 * tfMs) return to;
  const last = bars[bars.length - 1];
  if (!last) return from;
  return last.openTime + tfMs >= to ? to : Math.max(from, last.openTime + tfMs);
}
