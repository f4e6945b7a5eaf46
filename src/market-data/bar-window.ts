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
 * How far a load of [from, to) can be vouched for (stored as covered, CONTRACT §8). History is
 * final: bars that opened two bars or more before the forming one are vouched for. The last two
 * only up to the last bar seen (a vendor a bar behind, an illiquid minute not yet printed), so
 * such a bar is asked for again on a later call.
 */
export function vouchedTo(from: number, to: number, bars: readonly Bar[], tfMs: number, formingOpen: number): number {
  const final = formingOpen - 2 * tfMs;
  if (to <= final) return to;
  const last = bars[bars.length - 1];
  const seen = last ? last.openTime + tfMs : from;
  return Math.max(from, Math.min(to, Math.max(final, seen)));
}
