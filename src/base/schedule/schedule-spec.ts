import type { Timeframe } from '../domain/timeframe.js';
import type { ExchangeCalendar } from './exchange-calendar.js';

/** CONTRACT §3 `schedule`: exactly one kind plus the optional common fields. */
export type Calendar = ExchangeCalendar | '24x7';

export interface ScheduleCommon {
  /** XNYS/XNAS: `1d`/`1w` bars close at the session close; with marketHoursOnly, the session filter. */
  calendar?: Calendar;
  /** Fire only inside regular sessions; without `calendar` it means XNYS. */
  marketHoursOnly?: boolean;
  /** ISO-8601 instant; no nominal fire time before it (inclusive bound). */
  startAt?: string;
  /** ISO-8601 instant; no nominal fire time after it (inclusive bound). */
  endAt?: string;
  /** Extra execution delay 0…jitterSeconds, deterministic per (job, fire time); see jitter.ts. */
  jitterSeconds?: number;
}

export interface BarSchedule extends ScheduleCommon {
  bar: Timeframe;
  /** Settle delay after the bar close, 0…300, default 2. */
  delaySeconds?: number;
}

export interface CronSchedule extends ScheduleCommon {
  /** 5 fields, or 6 with seconds first. */
  cron: string;
  timezone?: string;
}

export interface EverySchedule extends ScheduleCommon {
  /** Interval in whole seconds, anchored at the job's startAt or creation time. */
  every: number;
}

export interface AtSchedule extends ScheduleCommon {
  /** Daily local time `HH:MM`. */
  at: string;
  timezone?: string;
}

export type ScheduleSpec = BarSchedule | CronSchedule | EverySchedule | AtSchedule;

export interface ScheduleContext {
  /** Origin of `every`: the job's startAt, or its creation time (see `everyAnchor`). */
  anchorMs: number;
  /** SCHEDULER_TIMEZONE: used by cron and at schedules without their own timezone. */
  defaultTimezone: string;
}

export const SCHEDULE_KINDS = ['bar', 'cron', 'every', 'at'] as const;
export const CALENDARS: readonly Calendar[] = ['XNYS', 'XNAS', '24x7'];
export const DEFAULT_DELAY_SECONDS = 2;
export const MAX_DELAY_SECONDS = 300;
export const MAX_JITTER_SECONDS = 3600;
/** The calendar marketHoursOnly uses when the spec names none. */
export const DEFAULT_MARKET_CALENDAR: ExchangeCalendar = 'XNYS';

/** The exchange whose sessions filter or shape this schedule, or null for none (24x7 / unset). */
export function exchangeOf(spec: ScheduleCommon): ExchangeCalendar | null {
  if (spec.calendar === 'XNYS' || spec.calendar === 'XNAS') return spec.calendar;
  if (spec.calendar === undefined && spec.marketHoursOnly === true) return DEFAULT_MARKET_CALENDAR;
  return null;
}

/** The `every` anchor CONTRACT §3 implies: startAt when given, else when the job was created. */
export function everyAnchor(spec: ScheduleSpec, createdAtMs: number): number {
  return spec.startAt !== undefined ? Date.parse(spec.startAt) : createdAtMs;
}
