import { TIMEFRAMES } from '../../base/domain/timeframe.js';
// The names only; the dashboard imports alert-config.ts and must not bundle the vendor adapters.
import { PROVIDER_NAMES } from '../../market-data/providers/provider-table.js';
import {
  DEFAULTS,
  LIMITS,
  PRIORITIES,
  TRIGGERS,
  type AlertConfig,
  type AlertConfigInput,
  type FloodGuard,
  type IndicatorSpecFn,
} from './alert-config.js';
import { DIGEST_SECONDS_MAX, DIGEST_SECONDS_MIN } from '../../notifications/core/digest.js';
import { templateProblem } from '../../notifications/core/render-message.js';
import { scheduleFitProblems } from './schedule-fit.js';
import { validateRule } from './validate-rule.js';
import {
  checkEnum,
  checkString,
  checkUnknownFields,
  isIntegerIn,
  isIsoDateTime,
  isPlainObject,
} from './validate-helpers.js';

/** The fields of an alert config (CONTRACT §4). */
export const ALERT_FIELDS = [
  'symbol',
  'provider',
  'timeframe',
  'rule',
  'trigger',
  'rearm',
  'persistenceBars',
  'expiresAt',
  'maxTriggers',
  'lookbackBars',
  'notify',
  'floodGuard',
] as const;
/** The top-level names of the message view (alert-message.ts buildMessageView). */
const MESSAGE_VARIABLES = ['symbol', 'timeframe', 'provider', 'bar', 'values', 'jobName'] as const;
const MAX_SYMBOL_LENGTH = 64;
const MAX_RECIPIENT_LENGTH = 200;
const MAX_CHANNEL_LENGTH = 100;

/**
 * Every problem of an alert config (CONTRACT §4, §4a), each naming its full field path
 * (`alert.rule.and[1].crossesBelow[0].params.period must be a positive integer`). Empty when valid.
 * `path` is the config's own path, so a job list can pass `jobs[3].alert`.
 */
export function validateAlertConfig(input: unknown, indicatorSpec: IndicatorSpecFn, path = 'alert'): string[] {
  const problems: string[] = [];
  if (!isPlainObject(input)) return [`${path} must be an object`];
  checkUnknownFields(input, ALERT_FIELDS, path, problems);
  checkMarket(input, path, problems);
  let barsNeeded = 0;
  let barsNeededBy: string | undefined;
  if (input.rule === undefined) problems.push(`${path}.rule is required`);
  else ({ barsNeeded, barsNeededBy } = validateRule(input.rule, `${path}.rule`, indicatorSpec, problems));
  if (input.rearm !== undefined) checkRearm(input.rearm, `${path}.rearm`, indicatorSpec, problems);
  checkTriggering(input, path, problems);
  if (input.notify !== undefined) checkNotify(input.notify, `${path}.notify`, problems);
  if (input.floodGuard !== undefined && input.floodGuard !== null)
    checkFloodGuard(input.floodGuard, `${path}.floodGuard`, problems);
  const lookback = input.lookbackBars ?? DEFAULTS.lookbackBars;
  if (isIntegerIn(lookback, LIMITS.minLookbackBars, LIMITS.maxLookbackBars) && barsNeededBy && barsNeeded > lookback) {
    // Otherwise the operand is null at every evaluation and the alert can never fire.
    problems.push(
      `${path}.lookbackBars must be at least ${barsNeeded}: ${barsNeededBy} needs ${barsNeeded} bars to have a value`,
    );
  }
  return problems;
}

function checkMarket(input: Record<string, unknown>, path: string, problems: string[]): void {
  if (input.symbol === undefined) problems.push(`${path}.symbol is required`);
  else checkString(input.symbol, `${path}.symbol`, problems, MAX_SYMBOL_LENGTH);
  if (input.provider !== undefined) checkEnum(input.provider, PROVIDER_NAMES, `${path}.provider`, problems);
  if (input.timeframe === undefined) problems.push(`${path}.timeframe is required`);
  else checkEnum(input.timeframe, TIMEFRAMES, `${path}.timeframe`, problems);
}

function checkRearm(rearm: unknown, path: string, spec: IndicatorSpecFn, problems: string[]): void {
  if (!isPlainObject(rearm)) {
    problems.push(`${path} must be an object`);
    return;
  }
  checkUnknownFields(rearm, ['when', 'cooldownSeconds'], path, problems);
  if (rearm.when !== undefined) validateRule(rearm.when, `${path}.when`, spec, problems);
  if (rearm.cooldownSeconds !== undefined && !isIntegerIn(rearm.cooldownSeconds, 0)) {
    problems.push(`${path}.cooldownSeconds must be a non-negative integer (seconds)`);
  }
}

function checkTriggering(input: Record<string, unknown>, path: string, problems: string[]): void {
  if (input.trigger !== undefined) checkEnum(input.trigger, TRIGGERS, `${path}.trigger`, problems);
  if (input.persistenceBars !== undefined && !isIntegerIn(input.persistenceBars, 1)) {
    problems.push(`${path}.persistenceBars must be a positive integer`);
  }
  if (input.expiresAt !== undefined && input.expiresAt !== null && !isIsoDateTime(input.expiresAt)) {
    problems.push(`${path}.expiresAt must be an ISO-8601 date-time (e.g. 2026-01-05T14:00:00.000Z) or null`);
  }
  if (input.maxTriggers !== undefined && input.maxTriggers !== null && !isIntegerIn(input.maxTriggers, 1)) {
    problems.push(`${path}.maxTriggers must be a positive integer or null`);
  }
  if (
    input.lookbackBars !== undefined &&
    !isIntegerIn(input.lookbackBars, LIMITS.minLookbackBars, LIMITS.maxLookbackBars)
  ) {
    problems.push(
      `${path}.lookbackBars must be an integer from ${LIMITS.minLookbackBars} to ${LIMITS.maxLookbackBars}`,
    );
  }
}

function checkNotify(notify: unknown, path: string, problems: string[]): void {
  if (!isPlainObject(notify)) {
    problems.push(`${path} must be an object`);
    return;
  }
  checkUnknownFields(notify, ['channels', 'recipient', 'priority', 'message', 'digestSeconds'], path, problems);
  if (notify.digestSeconds !== undefined && !isIntegerIn(notify.digestSeconds, DIGEST_SECONDS_MIN, DIGEST_SECONDS_MAX))
    problems.push(
      `${path}.digestSeconds must be an integer from ${DIGEST_SECONDS_MIN} to ${DIGEST_SECONDS_MAX} (seconds a notification may wait to be folded into a digest)`,
    );
  const channels = notify.channels;
  if (!Array.isArray(channels) || channels.length === 0) {
    problems.push(`${path}.channels must be a non-empty array of channel names`);
  } else {
    channels.forEach((c, i) => checkString(c, `${path}.channels[${i}]`, problems, MAX_CHANNEL_LENGTH));
  }
  if (notify.recipient !== undefined)
    checkString(notify.recipient, `${path}.recipient`, problems, MAX_RECIPIENT_LENGTH);
  if (notify.priority !== undefined) checkEnum(notify.priority, PRIORITIES, `${path}.priority`, problems);
  if (
    notify.message !== undefined &&
    (typeof notify.message !== 'string' || notify.message.length > LIMITS.maxMessageLength)
  ) {
    problems.push(`${path}.message must be a string of at most ${LIMITS.maxMessageLength} characters`);
  } else if (typeof notify.message === 'string') {
    const problem = templateProblem(notify.message, MESSAGE_VARIABLES);
    if (problem) problems.push(`${path}.message is not a valid template: ${problem}`);
  }
}

function checkFloodGuard(guard: unknown, path: string, problems: string[]): void {
  if (!isPlainObject(guard)) {
    problems.push(`${path} must be an object ({"maxTriggers": 15, "perSeconds": 180}) or null (no guard)`);
    return;
  }
  checkUnknownFields(guard, ['maxTriggers', 'perSeconds'], path, problems);
  if (guard.maxTriggers !== undefined && !isIntegerIn(guard.maxTriggers, 1, LIMITS.maxFloodTriggers))
    problems.push(`${path}.maxTriggers must be an integer from 1 to ${LIMITS.maxFloodTriggers}`);
  if (guard.perSeconds !== undefined && !isIntegerIn(guard.perSeconds, 1, LIMITS.maxFloodSeconds))
    problems.push(`${path}.perSeconds must be an integer from 1 to ${LIMITS.maxFloodSeconds} (seconds)`);
}

/** The flood guard in force: a config stored before the guard existed gets the default. */
export function floodGuardOf(config: Pick<AlertConfigInput, 'floodGuard'>): FloodGuard | null {
  const guard = config.floodGuard;
  if (guard === null) return null;
  return {
    maxTriggers: guard?.maxTriggers ?? DEFAULTS.floodGuard.maxTriggers,
    perSeconds: guard?.perSeconds ?? DEFAULTS.floodGuard.perSeconds,
  };
}

/**
 * An alert job's section checked with the job's schedule: the config itself, then whether a bar
 * schedule fits its timeframe and trigger (see scheduleFitProblems). The service and the offline
 * `market-scheduler validate` both call this.
 */
export function validateAlertJob(section: unknown, schedule: unknown, indicatorSpec: IndicatorSpecFn): string[] {
  if (section === undefined) return ['alert is required for a job of type alert'];
  const problems = validateAlertConfig(section, indicatorSpec, 'alert');
  return [...problems, ...scheduleFitProblems(section, schedule)];
}

/**
 * Fills every default of a valid config (call `validateAlertConfig` first). The result is a fresh
 * object; the rule trees are shared with the input, never mutated.
 */
export function normalizeAlertConfig(input: AlertConfigInput): AlertConfig {
  return {
    symbol: input.symbol,
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    timeframe: input.timeframe,
    rule: input.rule,
    trigger: input.trigger ?? DEFAULTS.trigger,
    rearm: {
      ...(input.rearm?.when !== undefined ? { when: input.rearm.when } : {}),
      cooldownSeconds: input.rearm?.cooldownSeconds ?? DEFAULTS.cooldownSeconds,
    },
    persistenceBars: input.persistenceBars ?? DEFAULTS.persistenceBars,
    expiresAt: input.expiresAt ?? null,
    maxTriggers: input.maxTriggers ?? null,
    lookbackBars: input.lookbackBars ?? DEFAULTS.lookbackBars,
    notify: {
      channels: input.notify?.channels ?? [],
      ...(input.notify?.recipient !== undefined ? { recipient: input.notify.recipient } : {}),
      priority: input.notify?.priority ?? DEFAULTS.priority,
      ...(input.notify?.message !== undefined ? { message: input.notify.message } : {}),
      ...(input.notify?.digestSeconds !== undefined ? { digestSeconds: input.notify.digestSeconds } : {}),
    },
    floodGuard: floodGuardOf(input),
  };
}
