import { nextBarBoundary, type Timeframe } from '../domain/timeframe.js';
import { nextCronFire } from './cron.js';
import { sessionAtOrAfter, type ExchangeCalendar, type Session } from './exchange-calendar.js';
import {
  DEFAULT_DELAY_SECONDS,
  exchangeOf,
  type BarSchedule,
  type ScheduleContext,
  type ScheduleSpec,
} from './schedule-spec.js';

/**
 * Nominal fire times of a validated schedule. A nominal time is the run's identity (`scheduledFor`);
 * jitter and lateness only delay execution. Times are ms since the epoch; `afterMs` is exclusive.
 *
 * marketHoursOnly keeps only fire times inside a regular session:
 * - cron / every / at: open ≤ t < close (a 16:00 cron is after the bell);
 * - bar: the bar close c = t − delaySeconds must satisfy open < c ≤ close, so the bar that ends
 *   at the bell (16:00, 13:00 on early closes) fires and the one ending at 09:30 (pre-market) does
 *   not: the first 15m close is 09:45. A coarse bar straddling the close (a 4h bar 15:00–19:00 EST)
 *   ends outside the session and does not fire.
 * With calendar XNYS/XNAS, `1d` bars close at each session's close and `1w` bars at the last
 * session close of the week (CONTRACT §3 "unless calendar says otherwise"); 24x7 changes nothing.
 */

/** A schedule whose next time lies further out than this is treated as never firing again. */
const HORIZON_MS = 10 * 366 * 86_400_000;

export function nextFireTime(spec: ScheduleSpec, afterMs: number, ctx: ScheduleContext): number | null {
  const startMs = spec.startAt !== undefined ? Date.parse(spec.startAt) : -Infinity;
  const endMs = spec.endAt !== undefined ? Date.parse(spec.endAt) : Infinity;
  const exchange = exchangeOf(spec);
  const filter = spec.marketHoursOnly === true ? exchange : null;
  // startAt is inclusive: search from just before it. Fire times are whole milliseconds.
  let after = Math.max(afterMs, startMs - 1);
  for (;;) {
    const t = nominalNext(spec, after, ctx, exchange);
    if (t === null || t > endMs || t > afterMs + HORIZON_MS) return null;
    if (filter === null) return t;
    const resumeAfter = outsideSessionResume(spec, t, filter);
    if (resumeAfter === null) return t;
    // Jump straight to the next session instead of stepping through nights, weekends and holidays.
    after = resumeAfter;
  }
}

/** Nominal fire times in (fromExclusiveMs, toInclusiveMs], oldest first, at most `limit`. */
export function fireTimesBetween(
  spec: ScheduleSpec,
  fromExclusiveMs: number,
  toInclusiveMs: number,
  ctx: ScheduleContext,
  limit: number,
): number[] {
  const times: number[] = [];
  let after = fromExclusiveMs;
  while (times.length < limit) {
    const t = nextFireTime(spec, after, ctx);
    if (t === null || t > toInclusiveMs) break;
    times.push(t);
    after = t;
  }
  return times;
}

/** The next `n` nominal fire times after `nowMs` as ISO strings, for `POST /jobs/validate`. */
export function nextRuns(spec: ScheduleSpec, nowMs: number, ctx: ScheduleContext, n = 5): string[] {
  return fireTimesBetween(spec, nowMs, Infinity, ctx, n).map((t) => new Date(t).toISOString());
}

function nominalNext(
  spec: ScheduleSpec,
  after: number,
  ctx: ScheduleContext,
  exchange: ExchangeCalendar | null,
): number | null {
  if ('bar' in spec) return nextBarFire(spec, after, exchange);
  if ('cron' in spec) return nextCronFire(spec.cron, spec.timezone ?? ctx.defaultTimezone, after);
  if ('every' in spec) {
    const period = spec.every * 1000;
    const k = Math.max(0, Math.floor((after - ctx.anchorMs) / period) + 1);
    return ctx.anchorMs + k * period;
  }
  const [hh, mm] = spec.at.split(':').map(Number);
  return nextCronFire(`${mm} ${hh} * * *`, spec.timezone ?? ctx.defaultTimezone, after);
}

/** A bar schedule's settle delay: its fire time is the bar's close plus this. */
export function barDelayMs(spec: BarSchedule): number {
  return (spec.delaySeconds ?? DEFAULT_DELAY_SECONDS) * 1000;
}

function nextBarFire(spec: BarSchedule, after: number, exchange: ExchangeCalendar | null): number {
  const delay = barDelayMs(spec);
  if (exchange !== null && (spec.bar === '1d' || spec.bar === '1w')) {
    return nextSessionBarClose(after - delay, spec.bar, exchange) + delay;
  }
  return nextBarBoundary(after - delay, spec.bar) + delay;
}

/** First daily (each session) or weekly (last session of the week) close strictly after `after`. */
function nextSessionBarClose(after: number, tf: Timeframe, exchange: ExchangeCalendar): number {
  let session = sessionAtOrAfter(after, exchange);
  while (tf === '1w') {
    const next = sessionAtOrAfter(session.closeMs, exchange);
    if (weekStart(next) !== weekStart(session)) break;
    session = next;
  }
  return session.closeMs;
}

/** Monday (as a UTC day number) of the week of a session's exchange-local date. */
function weekStart(session: Session): number {
  const day = Date.parse(session.date) / 86_400_000;
  return day - ((new Date(session.date).getUTCDay() + 6) % 7);
}

/** null when `t` passes the session filter; otherwise the `after` to resume the search from. */
function outsideSessionResume(spec: ScheduleSpec, t: number, exchange: ExchangeCalendar): number | null {
  if ('bar' in spec) {
    const delay = barDelayMs(spec);
    const close = t - delay;
    const session = sessionAtOrAfter(close - 1, exchange); // first session with closeMs >= close
    return session.openMs < close ? null : session.openMs + delay;
  }
  const session = sessionAtOrAfter(t, exchange); // first session with closeMs > t
  return session.openMs <= t ? null : session.openMs - 1;
}
