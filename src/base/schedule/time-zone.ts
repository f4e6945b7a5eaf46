/**
 * Time-zone arithmetic on top of Intl, so DST rules come from the runtime's tz database and not
 * from a library's own interpretation. A "wall time" is a local date-time encoded as if it were UTC
 * (Date.UTC of the local fields): it lets cron matching run in UTC, where no hour repeats or vanishes.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for names the runtime's tz database knows (IANA names and their aliases, e.g. `UTC`). */
export function isIanaTimeZone(name: unknown): name is string {
  // Intl accepts raw offsets like "+05:00" on newer runtimes; they carry no DST rules, so refuse them.
  if (typeof name !== 'string' || name === '' || /^[+-]/.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Zones whose offset never changes: no Intl call at all. */
const FIXED_ZERO = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);
/**
 * Offsets cached per 15-minute UTC bucket: every transition of the tz database since 1970 falls on
 * a quarter hour, so an offset is constant within a bucket. One Intl call costs microseconds and a
 * fire-time computation needs several; at 10,000 schedules a second the cache is what keeps up.
 */
const BUCKET_MS = 15 * 60_000;
const CACHE_MAX = 50_000;
const offsetCache = new Map<string, number>();

function intlOffset(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wallSeconds = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wallSeconds - (ms - (((ms % 1000) + 1000) % 1000));
}

/** UTC offset in ms (local − UTC) in force at instant `ms`. */
export function offsetAt(ms: number, timeZone: string): number {
  if (FIXED_ZERO.has(timeZone)) return 0;
  const bucket = Math.floor(ms / BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = intlOffset(bucket * BUCKET_MS, timeZone);
    if (offsetCache.size >= CACHE_MAX) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** Local wall time (as a UTC-encoded ms value) of instant `ms` in `timeZone`. */
export function toWallTime(ms: number, timeZone: string): number {
  return ms + offsetAt(ms, timeZone);
}

/**
 * The instant at which `timeZone` shows wall time `wall`, by CONTRACT §3's DST rules:
 * a wall time that occurs twice (fall-back) maps to its first occurrence; one that does not occur
 * (spring-forward gap) maps to the first valid instant after the gap, i.e. the transition itself.
 * Assumes at most one offset change within a day of `wall`, true of every real zone.
 */
export function wallTimeToInstant(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => toWallTime(t, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return transitionBetween(wall - after, wall - before, timeZone);
}

/** First instant in (lo, hi] whose offset differs from the offset at `lo` (binary search). */
function transitionBetween(lo: number, hi: number, timeZone: string): number {
  const start = offsetAt(lo, timeZone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * After a fall-back transition at or before `ms` (within a day), the wall time at which the
 * repeated stretch ends (e.g. 02:00 local in New York); null when no fall-back precedes `ms`.
 * Wall times below it map to their first occurrence, which lies before the transition.
 */
export function repeatedWallEnd(ms: number, timeZone: string): number | null {
  const before = offsetAt(ms - DAY, timeZone);
  if (before <= offsetAt(ms, timeZone)) return null;
  return transitionBetween(ms - DAY, ms, timeZone) + before;
}

/** `YYYY-MM-DD` of a UTC-encoded wall time. */
export function wallDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}
