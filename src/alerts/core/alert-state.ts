import type { AlertConfig, FloodGuard } from './alert-config.js';
import type { RuleEvaluation } from './evaluate-rule.js';

export type AlertStatus = 'armed' | 'triggered' | 'expired' | 'done';

export interface AlertState {
  status: AlertStatus;
  triggerCount: number;
  /** openTime of the bar that last triggered: a bar never triggers twice. */
  lastTriggeredBarOpen?: number;
  /** closeTime of that bar: cooldownSeconds count from it (§4a). */
  lastTriggeredCloseTime?: number;
  /** Consecutive evaluated closed bars on which the rule was true (for persistenceBars). */
  consecutiveTrue: number;
  /** openTime of the newest closed bar already stepped: older or equal bars are no-ops. */
  lastEvaluatedBarOpen?: number;
  /**
   * When the triggers inside the flood guard's window happened (evaluation time, ms), oldest first;
   * kept only by alerts that trigger, so a quiet alert's state stays as small as before.
   */
  recentTriggers?: number[];
  /** Set when a guard paused the alert; the job is disabled and nothing steps until a resume clears it. */
  pausedBy?: 'flood';
  /**
   * Set (to the ISO time of the bar it began at) while the alert's series cannot be loaded: its
   * `error` event is written on entering this, once per episode; the next evaluation clears it.
   */
  seriesError?: string;
}

export type AlertEventType = 'triggered' | 'rearmed' | 'expired' | 'done' | 'paused' | 'error';

export interface AlertEvent {
  type: AlertEventType;
  from: AlertStatus;
  to: AlertStatus;
  /** The bar's openTime, ms since epoch. */
  barTime: number;
  values: Record<string, number | null>;
  /** Why, for a `paused` event (`flood`). */
  reason?: string;
  /** Why, for an `error` event: the series could not be loaded (the service's words). */
  error?: string;
}

export interface AlertStepInput {
  rule: RuleEvaluation;
  /** Evaluation of `rearm.when` at the same bar; required when the config has one. */
  rearm?: RuleEvaluation;
  barOpenTime: number;
  barCloseTime: number;
  /** False for the forming bar (only `oncePerBar` looks at it). */
  barClosed: boolean;
  nowMs: number;
  config: Pick<AlertConfig, 'trigger' | 'persistenceBars' | 'expiresAt' | 'maxTriggers'> & {
    rearm?: { when?: unknown; cooldownSeconds?: number };
    /** Undefined or null: no flood guard. */
    floodGuard?: FloodGuard | null;
  };
}

export interface AlertStep {
  state: AlertState;
  /** Transitions, in order; empty when nothing changed status. */
  events: AlertEvent[];
  /** True exactly when this step triggered: the caller writes one notification. */
  notify: boolean;
  /** This step's trigger went past the flood guard: the alert is paused (after this trigger). */
  paused?: { reason: 'flood'; triggers: number; perSeconds: number };
}

/** True when the two states differ in nothing but the bar last stepped (nothing happened on the bar). */
export function sameAlertState(a: AlertState, b: AlertState): boolean {
  return (
    a.status === b.status &&
    a.triggerCount === b.triggerCount &&
    a.consecutiveTrue === b.consecutiveTrue &&
    a.lastTriggeredBarOpen === b.lastTriggeredBarOpen &&
    a.lastTriggeredCloseTime === b.lastTriggeredCloseTime &&
    a.pausedBy === b.pausedBy &&
    a.seriesError === b.seriesError
  );
}

/** A new or resumed alert starts armed, so a level rule already true at its first bar fires. */
export function initialAlertState(): AlertState {
  return { status: 'armed', triggerCount: 0, consecutiveTrue: 0 };
}

/**
 * One pure step of the alert state machine (CONTRACT §4, §4a): at most one trigger-or-rearm per bar,
 * idempotent by bar openTime, so a retry, catch-up or second replica stepping the same bar from the
 * same stored state gets the same answer and no second transition.
 */
export function stepAlert(state: AlertState, input: AlertStepInput): AlertStep {
  if (state.status === 'expired' || state.status === 'done' || state.pausedBy !== undefined) return quiet(state);
  if (expiryReached(state, input)) return expire(state, input);
  if (!input.barClosed && input.config.trigger !== 'oncePerBar') return quiet(state);
  if (state.lastEvaluatedBarOpen !== undefined && input.barOpenTime <= state.lastEvaluatedBarOpen) return quiet(state);
  return input.barClosed ? stepClosed(state, input) : stepForming(state, input);
}

function quiet(state: AlertState): AlertStep {
  return { state, events: [], notify: false };
}

/** maxTriggers is checked here too, so lowering it on a live alert expires it at the next bar. */
function expiryReached(state: AlertState, input: AlertStepInput): boolean {
  const { expiresAt, maxTriggers } = input.config;
  if (expiresAt !== null && expiresAt !== undefined && input.nowMs >= Date.parse(expiresAt)) return true;
  return maxTriggers !== null && maxTriggers !== undefined && state.triggerCount >= maxTriggers;
}

function event(type: AlertEventType, from: AlertStatus, to: AlertStatus, input: AlertStepInput): AlertEvent {
  const values = type === 'rearmed' ? { ...input.rule.values, ...input.rearm?.values } : { ...input.rule.values };
  return { type, from, to, barTime: input.barOpenTime, values };
}

function expire(state: AlertState, input: AlertStepInput): AlertStep {
  return {
    state: { ...state, status: 'expired' },
    events: [event('expired', state.status, 'expired', input)],
    notify: false,
  };
}

function stepClosed(state: AlertState, input: AlertStepInput): AlertStep {
  // Counted up to persistenceBars only (all that the comparisons need), so a rule that stays true
  // leaves the state unchanged bar after bar, and the bar costs a cursor move rather than a state write.
  const consecutiveTrue = input.rule.result
    ? Math.min(state.consecutiveTrue + 1, Math.max(1, input.config.persistenceBars))
    : 0;
  const next: AlertState = {
    status: state.status,
    triggerCount: state.triggerCount,
    consecutiveTrue,
    lastEvaluatedBarOpen: input.barOpenTime,
    lastTriggeredBarOpen: state.lastTriggeredBarOpen,
    lastTriggeredCloseTime: state.lastTriggeredCloseTime,
    ...(state.recentTriggers !== undefined ? { recentTriggers: state.recentTriggers } : {}),
  };
  // The forming bar already triggered: its close may neither trigger again nor rearm (one transition per bar).
  if (state.lastTriggeredBarOpen === input.barOpenTime) return quiet(next);
  if (state.status === 'armed') {
    return input.rule.result && consecutiveTrue >= input.config.persistenceBars ? trigger(next, input) : quiet(next);
  }
  if (!rearmReady(state, input)) return quiet(next);
  return {
    state: { ...next, status: 'armed' },
    events: [event('rearmed', 'triggered', 'armed', input)],
    notify: false,
  };
}

/** oncePerBar: the forming bar completes the persistence run of the closed bars before it. */
function stepForming(state: AlertState, input: AlertStepInput): AlertStep {
  if (state.status !== 'armed' || state.lastTriggeredBarOpen === input.barOpenTime) return quiet(state);
  const fires = input.rule.result && state.consecutiveTrue + 1 >= input.config.persistenceBars;
  return fires ? trigger(state, input) : quiet(state);
}

/** Rearm condition and cooldown hold on the same closed bar; cooldown is measured between bar closes. */
function rearmReady(state: AlertState, input: AlertStepInput): boolean {
  const condition = input.config.rearm?.when !== undefined ? input.rearm?.result === true : !input.rule.result;
  const cooldownMs = (input.config.rearm?.cooldownSeconds ?? 0) * 1000;
  const elapsed = input.barCloseTime - (state.lastTriggeredCloseTime ?? Number.NEGATIVE_INFINITY);
  return condition && elapsed >= cooldownMs;
}

function trigger(state: AlertState, input: AlertStepInput): AlertStep {
  const triggered: AlertState = {
    ...state,
    status: 'triggered',
    triggerCount: state.triggerCount + 1,
    lastTriggeredBarOpen: input.barOpenTime,
    lastTriggeredCloseTime: input.barCloseTime,
  };
  const events = [event('triggered', 'armed', 'triggered', input)];
  const { trigger: mode, maxTriggers } = input.config;
  let status: AlertStatus = 'triggered';
  if (mode === 'once') status = 'done';
  else if (maxTriggers !== null && maxTriggers !== undefined && triggered.triggerCount >= maxTriggers)
    status = 'expired';
  if (status !== 'triggered') events.push(event(status, 'triggered', status, input));
  const guard = input.config.floodGuard;
  if (!guard || status !== 'triggered') return { state: { ...triggered, status }, events, notify: true };
  return floodGuarded({ ...triggered, status }, events, input, guard);
}

/**
 * The trigger just made counts in the guard's window. Time is when the trigger happened (the
 * evaluation's `nowMs`, the notification's `triggeredAt`), as a person receiving them counts: a
 * catch-up pass that replays a flapping rule over an hour of bars floods as much as a 1s alert does.
 * Every trigger writes the state, so a replay from a checkpoint starts from the same window.
 * Past `maxTriggers` in `perSeconds` the alert is paused after this trigger, with a `paused` event
 * (reason `flood`). Only triggering alerts reach this: the alerts that stay quiet pay nothing.
 */
function floodGuarded(state: AlertState, events: AlertEvent[], input: AlertStepInput, guard: FloodGuard): AlertStep {
  const since = input.nowMs - guard.perSeconds * 1000;
  const recent = (state.recentTriggers ?? []).filter((t) => t > since);
  recent.push(input.nowMs);
  if (recent.length <= guard.maxTriggers) return { state: { ...state, recentTriggers: recent }, events, notify: true };
  const paused: AlertEvent = { ...event('paused', state.status, state.status, input), reason: 'flood' };
  return {
    state: { ...state, recentTriggers: recent, pausedBy: 'flood' },
    events: [...events, paused],
    notify: true,
    paused: { reason: 'flood', triggers: recent.length, perSeconds: guard.perSeconds },
  };
}
