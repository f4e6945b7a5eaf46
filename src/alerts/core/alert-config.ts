import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
import { CHANNEL_OPS, type ChannelOp } from './rules/channel.js';
import { COMPARISON_OPS, type ComparisonOp } from './rules/comparison.js';
import { CROSSING_OPS, type CrossingOp } from './rules/crossing.js';
import { LOGIC_OPS, type LogicOp } from './rules/logic.js';
import { MOVE_OPS, type MoveOp } from './rules/moves.js';

/** Bar fields an operand can read. `hl2` = (h+l)/2, `hlc3` = (h+l+c)/3, `ohlc4` = (o+h+l+c)/4. */
export const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4'] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

export const TRIGGERS = ['oncePerBarClose', 'oncePerBar', 'once'] as const;
export type TriggerMode = (typeof TRIGGERS)[number];

export const PRIORITIES = ['low', 'normal', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

// Each family of rule operators is one module under rules/ (its names, its evaluation).
export { CHANNEL_OPS, type ChannelOp } from './rules/channel.js';
export { COMPARISON_OPS, type ComparisonOp } from './rules/comparison.js';
export { CROSSING_OPS, type CrossingOp } from './rules/crossing.js';
export { LOGIC_OPS, type LogicOp } from './rules/logic.js';
export { MOVE_OPS, type MoveOp } from './rules/moves.js';

export type RuleOperator = LogicOp | ComparisonOp | CrossingOp | ChannelOp | MoveOp;

export const RULE_OPERATORS: readonly RuleOperator[] = [
  ...LOGIC_OPS,
  ...COMPARISON_OPS,
  ...CROSSING_OPS,
  ...CHANNEL_OPS,
  ...MOVE_OPS,
];

/** CONTRACT §4a limits. */
export const LIMITS = {
  maxRuleDepth: 32,
  maxRuleNodes: 256,
  minLookbackBars: 1,
  maxLookbackBars: 5000,
  maxMessageLength: 4000,
  maxMoveBars: 5000,
  maxFloodTriggers: 10_000,
  /** A week: a flood guard's window. */
  maxFloodSeconds: 604_800,
} as const;

export const DEFAULTS = {
  trigger: 'oncePerBarClose' as TriggerMode,
  persistenceBars: 1,
  lookbackBars: 300,
  cooldownSeconds: 0,
  priority: 'normal' as Priority,
  moveBars: 1,
  /** TradingView's: more than 15 triggers in 3 minutes stops the alert. */
  floodGuard: { maxTriggers: 15, perSeconds: 180 } as FloodGuard,
} as const;

export type ValueOperand = { value: number; barsAgo?: number };
export type FieldOperand = { field: PriceField; barsAgo?: number };
export type IndicatorOperand = {
  indicator: string;
  params?: Record<string, unknown>;
  output?: string;
  barsAgo?: number;
};
export type Operand = ValueOperand | FieldOperand | IndicatorOperand;

export type Rule =
  | { and: Rule[] }
  | { or: Rule[] }
  | { not: Rule }
  | { [K in ComparisonOp]: { [P in K]: [Operand, Operand] } }[ComparisonOp]
  | { [K in CrossingOp]: { [P in K]: [Operand, Operand] } }[CrossingOp]
  | { [K in ChannelOp]: { [P in K]: [Operand, Operand, Operand] } }[ChannelOp]
  | { [K in MoveOp]: { [P in K]: [Operand, Operand] } & { bars?: number } }[MoveOp];

export interface RearmConfig {
  /** When set, replaces the default rearm condition ("the rule is false on a closed bar"). */
  when?: Rule;
  cooldownSeconds?: number;
}

export interface NotifyConfig {
  channels: string[];
  recipient?: string;
  priority?: Priority;
  /** Mustache template; the view is built by `buildMessageView`. */
  message?: string;
  /** Fold this alert's notifications into one `alert.digest` per recipient, waiting at most this long (CONTRACT §8). */
  digestSeconds?: number;
}

/** The alert config as users write it (CONTRACT §4); optional fields get defaults from `normalizeAlertConfig`. */
/** More than `maxTriggers` triggers within `perSeconds` (bar close times) pauses the alert (CONTRACT §8). */
export interface FloodGuard {
  maxTriggers: number;
  perSeconds: number;
}

export interface AlertConfigInput {
  symbol: string;
  provider?: string;
  timeframe: Timeframe;
  rule: Rule;
  trigger?: TriggerMode;
  rearm?: RearmConfig;
  persistenceBars?: number;
  expiresAt?: string | null;
  maxTriggers?: number | null;
  lookbackBars?: number;
  notify?: NotifyConfig;
  /** null: no flood guard. */
  floodGuard?: Partial<FloodGuard> | null;
}

/** An alert config with every default filled in. */
export interface AlertConfig extends AlertConfigInput {
  trigger: TriggerMode;
  rearm: { when?: Rule; cooldownSeconds: number };
  persistenceBars: number;
  expiresAt: string | null;
  maxTriggers: number | null;
  lookbackBars: number;
  notify: NotifyConfig & { priority: Priority };
  /** Always present once normalized; configs stored before it existed read as the default. */
  floodGuard: FloodGuard | null;
}

export interface SeriesRequest {
  indicator: string;
  params: Record<string, unknown>;
  output?: string;
}

/**
 * Computes one indicator output over `bars`; the result is aligned with `bars` and holds `null`
 * (never 0) where the indicator is not yet defined. Injected so the indicator library can be plugged in.
 */
/** The operand's series over `bars`, aligned with them; null or NaN where it has no value (warm-up). */
export type SeriesFn = (req: SeriesRequest, bars: readonly Bar[]) => ArrayLike<number | null>;

/**
 * Describes one indicator use. `key` is its §4a values key without `_ago` (e.g. `macd_12_26_9_signal`),
 * `warmup` the number of bars before its first value. `problems` are phrased relative to the operand
 * (e.g. `params.period must be a positive integer`); the validator prefixes the operand's path.
 */
export type IndicatorSpecFn = (
  indicator: string,
  params: Record<string, unknown>,
  output?: string,
) => { key: string; problems: string[]; warmup: number };

/** Type guards on already-validated operands. */
export function isFieldOperand(o: Operand): o is FieldOperand {
  return 'field' in o;
}

/** The operator of a rule node (its one operator key). */
export function ruleOperator(rule: Rule): RuleOperator {
  return (Object.keys(rule) as RuleOperator[]).find((k) => RULE_OPERATORS.includes(k)) as RuleOperator;
}

/**
 * The part of an alert config that decides how it steps (rule, trigger mode, rearm, persistence,
 * expiry) — everything `runAlert` reads. Alerts with equal behaviour in equal states on the same bars
 * step identically, whatever their symbol's name, their notify settings or their job.
 */
export type AlertBehaviour = Pick<
  AlertConfig,
  'timeframe' | 'trigger' | 'rule' | 'rearm' | 'persistenceBars' | 'expiresAt' | 'maxTriggers' | 'floodGuard'
>;
