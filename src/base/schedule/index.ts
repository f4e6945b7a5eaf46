/** Public API of the pure schedule core: no Nest, no I/O, "now" always passed in. */
export type {
  AtSchedule,
  BarSchedule,
  Calendar,
  CronSchedule,
  EverySchedule,
  ScheduleCommon,
  ScheduleContext,
  ScheduleSpec,
} from './schedule-spec.js';
export {
  CALENDARS,
  DEFAULT_DELAY_SECONDS,
  DEFAULT_MARKET_CALENDAR,
  MAX_DELAY_SECONDS,
  MAX_JITTER_SECONDS,
  SCHEDULE_KINDS,
  everyAnchor,
  exchangeOf,
} from './schedule-spec.js';
export { parseInstant, validateSchedule } from './validate-schedule.js';
export { barDelayMs, fireTimesBetween, nextFireTime, nextRuns } from './next-fire.js';
export { nextCronFire } from './cron.js';
export type { ExchangeCalendar, MarketDay, Session } from './exchange-calendar.js';
export {
  EXCHANGE_TIME_ZONE,
  SPECIAL_CLOSURES,
  easterSunday,
  isTradingDay,
  isWithinSession,
  marketDays,
  nextSessionOpen,
  sessionAtOrAfter,
  sessionFor,
} from './exchange-calendar.js';
export { isIanaTimeZone } from './time-zone.js';
export type { MisfireConfig, MisfirePolicy } from './misfire.js';
export { planMisfire } from './misfire.js';
export { jitterOffsetMs } from './jitter.js';
export { FireAgenda } from './fire-agenda.js';
