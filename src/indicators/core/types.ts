import type { Bar } from '../../base/domain/bar.js';

export type { Bar };

/** The indicator names of CONTRACT §4. */
export const INDICATOR_NAMES = [
  'sma',
  'ema',
  'wma',
  'rsi',
  'macd',
  'bbands',
  'atr',
  'stoch',
  'adx',
  'obv',
  'vwap',
  'cci',
  'roc',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

/**
 * A streaming indicator fed one bar at a time, O(1) per bar (CCI: O(period), see cci.ts).
 * - `update(bar)` adds a closed bar.
 * - `replace(bar)` replaces the last bar given (the still-forming bar): the value is recomputed
 *   from the state before the last `update`, any number of times; the next `update` continues
 *   from the corrected state. `replace` before any `update` acts as `update`.
 * Both return the primary output (the first of `outputs`); `null` until it is defined (warm-up),
 * never a placeholder 0.
 */
export interface StreamingIndicator {
  readonly outputs: readonly string[];
  update(bar: Bar): number | null;
  replace(bar: Bar): number | null;
  /** The current value of `output` (the primary output when omitted); `null` during warm-up. */
  value(output?: string): number | null;
}
