import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import { DEFAULTS, TRIGGERS, type TriggerMode } from './alert-config.js';
import { isPlainObject } from './validate-helpers.js';

const isTimeframe = (v: unknown): v is Timeframe =>
  typeof v === 'string' && (TIMEFRAMES as readonly string[]).includes(v);

function duration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${ms / 1000} seconds`;
  if (minutes < 120) return `${minutes} minutes`;
  return `${minutes / 60} hours`;
}

/**
 * Whether a `{"bar": …}` schedule fits the alert it runs (a 400 that says why when it does not):
 * - a schedule slower than the alert's timeframe steps several closed bars at once, late;
 * - a faster one on a closed-bar trigger (`oncePerBarClose`, `once`) evaluates each closed bar
 *   several times and finds nothing new in between;
 * - `oncePerBar` watches the forming bar, so a faster schedule is its point, but it must divide the
 *   timeframe so every bar is looked at on the same phase.
 * Cron, `every` and `at` schedules are the user's explicit choice and are not checked here.
 */
export function scheduleFitProblems(alert: unknown, schedule: unknown): string[] {
  if (!isPlainObject(alert) || !isPlainObject(schedule)) return [];
  const bar = schedule.bar;
  const timeframe = alert.timeframe;
  if (!isTimeframe(bar) || !isTimeframe(timeframe) || bar === timeframe) return [];
  const trigger: TriggerMode = (TRIGGERS as readonly unknown[]).includes(alert.trigger)
    ? (alert.trigger as TriggerMode)
    : DEFAULTS.trigger;
  const s = TIMEFRAME_MS[bar];
  const t = TIMEFRAME_MS[timeframe];
  const use = `use {"bar": "${timeframe}"}`;
  if (s > t) {
    return [
      `schedule.bar ${bar} does not fit alert.timeframe ${timeframe}: each run would step ${s / t} closed ` +
        `${timeframe} bars at once, up to ${duration(s - t)} late; ${use}`,
    ];
  }
  if (trigger !== 'oncePerBar') {
    return [
      `schedule.bar ${bar} does not fit alert.timeframe ${timeframe} with trigger ${trigger}: it would evaluate ` +
        `each closed ${timeframe} bar ${t / s} times; ${use}, or trigger "oncePerBar" to also watch the forming bar`,
    ];
  }
  if (t % s !== 0) {
    return [
      `schedule.bar ${bar} does not divide alert.timeframe ${timeframe}: with trigger oncePerBar the schedule ` +
        `must look at every ${timeframe} bar on the same phase; use a bar schedule that divides ${timeframe}`,
    ];
  }
  return [];
}
