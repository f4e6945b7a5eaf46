/** Bar timeframes of CONTRACT §3, with their length in milliseconds. Bars are UTC-aligned. */
export const TIMEFRAMES = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '1w',
] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1s': SECOND,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '1w': 7 * DAY,
};

/** 1970-01-01 was a Thursday; weekly bars open on Monday 00:00 UTC (Binance's convention). */
const WEEK_OFFSET_MS = 4 * DAY;

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Open time of the bar that contains `t` (ms since epoch). */
export function barOpenTime(t: number, tf: Timeframe): number {
  const len = TIMEFRAME_MS[tf];
  const offset = tf === '1w' ? WEEK_OFFSET_MS : 0;
  return Math.floor((t - offset) / len) * len + offset;
}

/** Binance's convention: closeTime = openTime + timeframe − 1 ms. */
export function barCloseTime(openTime: number, tf: Timeframe): number {
  return openTime + TIMEFRAME_MS[tf] - 1;
}

/** The first bar boundary (close instant, i.e. the next bar's open) strictly after `t`. */
export function nextBarBoundary(t: number, tf: Timeframe): number {
  return barOpenTime(t, tf) + TIMEFRAME_MS[tf];
}
