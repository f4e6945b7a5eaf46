import { offsetAt, wallTimeToInstant } from '../../base/schedule/time-zone.js';

/**
 * Wall-clock times of a named zone → epoch ms. Alpha Vantage stamps intraday bars in "US/Eastern"
 * local time. The zone arithmetic is the scheduler core's (one Intl-based implementation, cached).
 */

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (New York in winter: −5 h). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  return offsetAt(utcMs, timeZone);
}

/** "2024-01-05 19:55:00" in `timeZone` → epoch ms; NaN if unparseable. */
export function zonedLocalToUtc(local: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
  if (!m) return Number.NaN;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return wallTimeToInstant(wall, timeZone);
}
