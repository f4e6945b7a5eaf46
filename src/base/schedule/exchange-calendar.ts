import { toWallTime, wallDate, wallTimeToInstant } from './time-zone.js';

/**
 * NYSE / Nasdaq regular sessions (09:30–16:00 America/New_York, 13:00 on early-close days), from
 * the NYSE's published holiday rules (NYSE Rule 7.2) plus a list of one-off closures. Nasdaq keeps
 * the same holidays and early closes, so XNAS shares the table. The rules are computed for any
 * year; they are checked against the published calendars for 2020–2035 — a closure announced
 * later (a national day of mourning) must be added to SPECIAL_CLOSURES.
 */
export type ExchangeCalendar = 'XNYS' | 'XNAS';
export const EXCHANGE_TIME_ZONE = 'America/New_York';

export interface Session {
  /** Exchange-local date, `YYYY-MM-DD`. */
  date: string;
  openMs: number;
  closeMs: number;
  earlyClose: boolean;
}

export interface MarketDay {
  status: 'closed' | 'earlyClose';
  reason: string;
}

/** Closures outside the rules, announced case by case. */
export const SPECIAL_CLOSURES: Readonly<Record<string, string>> = {
  '2025-01-09': 'National Day of Mourning for President Jimmy Carter',
};

const DAY = 86_400_000;
const SEARCH_DAYS = 14;
const yearCache = new Map<number, Map<string, MarketDay>>();
/** Session bounds cost several Intl calls; a decade of sessions is ~2,500 small entries. */
const sessionCache = new Map<string, Session | null>();

const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (y: number, m: number, d: number): number => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** Day of month of the n-th (1-based) `dow` of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  if (n > 0) return 1 + ((dow - weekday(y, m, 1) + 7) % 7) + (n - 1) * 7;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return last - ((weekday(y, m, last) - dow + 7) % 7);
}

/** Gregorian Easter Sunday (Anonymous Gregorian algorithm), as [month, day]. */
export function easterSunday(y: number): [number, number] {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30,
    i = Math.floor(c / 4),
    k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}

/** Saturday holidays move to Friday, Sunday ones to Monday (Rule 7.2). */
function observed(y: number, m: number, d: number): string {
  const dow = weekday(y, m, d);
  return dow === 6 ? iso(y, m, d - 1) : dow === 0 ? iso(y, m, d + 1) : iso(y, m, d);
}

function closedDays(y: number): [string, string][] {
  const [em, ed] = easterSunday(y);
  const days: [string, string][] = [
    [iso(y, 1, nthWeekday(y, 1, 1, 3)), 'Martin Luther King Jr. Day'],
    [iso(y, 2, nthWeekday(y, 2, 1, 3)), "Washington's Birthday"],
    [iso(y, em, ed - 2), 'Good Friday'],
    [iso(y, 5, nthWeekday(y, 5, 1, -1)), 'Memorial Day'],
    [observed(y, 7, 4), 'Independence Day'],
    [iso(y, 9, nthWeekday(y, 9, 1, 1)), 'Labor Day'],
    [iso(y, 11, nthWeekday(y, 11, 4, 4)), 'Thanksgiving Day'],
    [observed(y, 12, 25), 'Christmas Day'],
  ];
  // A Saturday New Year's Day is not observed: Friday Dec 31 closes a yearly accounting period.
  if (weekday(y, 1, 1) !== 6) days.push([observed(y, 1, 1), "New Year's Day"]);
  if (y >= 2022) days.push([observed(y, 6, 19), 'Juneteenth National Independence Day']);
  for (const [date, reason] of Object.entries(SPECIAL_CLOSURES))
    if (date.startsWith(`${y}-`)) days.push([date, reason]);
  return days;
}

/** Holidays and early closes of one year, keyed by date; weekends are not listed. */
export function marketDays(y: number): ReadonlyMap<string, MarketDay> {
  const cached = yearCache.get(y);
  if (cached) return cached;
  const table = new Map<string, MarketDay>();
  for (const [date, reason] of closedDays(y)) table.set(date, { status: 'closed', reason });
  const early = (m: number, d: number, reason: string): void => {
    const date = iso(y, m, d);
    const dow = weekday(y, m, d);
    // Only a weekday that is not itself a (moved) holiday closes early.
    if (dow !== 0 && dow !== 6 && !table.has(date)) table.set(date, { status: 'earlyClose', reason });
  };
  early(7, 3, 'Day before Independence Day');
  early(11, nthWeekday(y, 11, 4, 4) + 1, 'Day after Thanksgiving');
  early(12, 24, 'Christmas Eve');
  yearCache.set(y, table);
  return table;
}

function dayInfo(date: string): MarketDay | 'weekend' | undefined {
  const [y, m, d] = date.split('-').map(Number);
  const dow = weekday(y, m, d);
  if (dow === 0 || dow === 6) return 'weekend';
  return marketDays(y).get(date);
}

/** A weekday that is not an exchange holiday. `date` is the exchange-local `YYYY-MM-DD`. */
export function isTradingDay(date: string, _calendar: ExchangeCalendar = 'XNYS'): boolean {
  const info = dayInfo(date);
  return info !== 'weekend' && info?.status !== 'closed';
}

/** The regular session of exchange-local `date`, or null when the exchange is closed. */
export function sessionFor(date: string, calendar: ExchangeCalendar = 'XNYS'): Session | null {
  // XNAS shares XNYS's table, so one cache entry per date serves both.
  if (!sessionCache.has(date)) sessionCache.set(date, computeSession(date, calendar));
  const session = sessionCache.get(date);
  return session ? { ...session } : null;
}

function computeSession(date: string, calendar: ExchangeCalendar): Session | null {
  if (!isTradingDay(date, calendar)) return null;
  const info = dayInfo(date);
  const earlyClose = info !== 'weekend' && info?.status === 'earlyClose';
  const [y, m, d] = date.split('-').map(Number);
  return {
    date,
    openMs: wallTimeToInstant(Date.UTC(y, m - 1, d, 9, 30), EXCHANGE_TIME_ZONE),
    closeMs: wallTimeToInstant(Date.UTC(y, m - 1, d, earlyClose ? 13 : 16, 0), EXCHANGE_TIME_ZONE),
    earlyClose,
  };
}

/** The session in progress at `ms` or, if none, the next one: the first session with closeMs > ms. */
export function sessionAtOrAfter(ms: number, calendar: ExchangeCalendar = 'XNYS'): Session {
  let day = Date.parse(wallDate(toWallTime(ms, EXCHANGE_TIME_ZONE)));
  // Holidays never chain for more than a few days, so this search always ends well inside the bound.
  for (let i = 0; i < SEARCH_DAYS; i += 1, day += DAY) {
    const session = sessionFor(wallDate(day), calendar);
    if (session && session.closeMs > ms) return session;
  }
  throw new Error(`no ${calendar} session within ${SEARCH_DAYS} days of ${new Date(ms).toISOString()}`);
}

/** Open (inclusive) to close (exclusive) of a regular session. */
export function isWithinSession(ms: number, calendar: ExchangeCalendar = 'XNYS'): boolean {
  const session = sessionAtOrAfter(ms, calendar);
  return session.openMs <= ms;
}

/** The first session open strictly after `ms`. */
export function nextSessionOpen(ms: number, calendar: ExchangeCalendar = 'XNYS'): number {
  const session = sessionAtOrAfter(ms, calendar);
  return session.openMs > ms ? session.openMs : sessionAtOrAfter(session.closeMs, calendar).openMs;
}
