import {
  DEFAULTS,
  ruleOperator,
  type ChannelOp,
  type ComparisonOp,
  type CrossingOp,
  type MoveOp,
  type Operand,
  type Rule,
} from './alert-config.js';
import { operandKey, operandValueAt, type EvalContext } from './eval-context.js';

export interface RuleEvaluation {
  result: boolean;
  /** Every non-constant operand of the rule at bar t, by §4a key (null when it has no value). */
  values: Record<string, number | null>;
}

/**
 * Evaluates `rule` at bar index t of `ctx.bars` (CONTRACT §4a). A node whose operands lack a value
 * (warm-up, before the data, across a gap) is false, never an error; `not` negates that false, so
 * prefer the opposite comparison (`lte` rather than `not gt`) when warm-up must stay quiet.
 * Gaps: a node reading t-k (crossings, channel entries, moves, barsAgo) is false unless bars t-k..t
 * are consecutive bars of the timeframe — a crossing across a missing bar was not seen happen.
 * Comparisons are exact IEEE doubles: `eq` is `===`, so 0.1 + 0.2 does not equal 0.3 — use
 * `between` for a tolerance. Channel bounds are inclusive and never swapped.
 */
export function evaluateRule(rule: Rule, ctx: EvalContext, t: number): RuleEvaluation {
  return { result: evalNode(rule, ctx, t), values: collectValues(rule, ctx, t) };
}

/**
 * evaluateRule for the bar-close hot path: `values` are collected on first read, since only a
 * transition or a notification reads them, and at a bar close most of 100,000 alerts have neither.
 */
export function evaluateRuleLazily(rule: Rule, ctx: EvalContext, t: number): RuleEvaluation {
  return new LazyEvaluation(rule, ctx, t, evalNode(rule, ctx, t));
}

/**
 * evaluateRuleLazily, memoised in the context by rule object and bar: every alert reading the same
 * rule object on the same window shares one evaluation (and, if any reads them, one values object,
 * which callers must not mutate).
 */
export function evaluateRuleShared(rule: Rule, ctx: EvalContext, t: number): RuleEvaluation {
  let atBar = ctx.evaluations[t];
  if (atBar === undefined) ctx.evaluations[t] = atBar = new Map();
  let evaluation = atBar.get(rule);
  if (evaluation === undefined) {
    evaluation = evaluateRuleLazily(rule, ctx, t);
    atBar.set(rule, evaluation);
  }
  return evaluation;
}

class LazyEvaluation implements RuleEvaluation {
  private collected: Record<string, number | null> | undefined = undefined;

  constructor(
    private readonly rule: Rule,
    private readonly ctx: EvalContext,
    private readonly t: number,
    readonly result: boolean,
  ) {}

  get values(): Record<string, number | null> {
    return (this.collected ??= collectValues(this.rule, this.ctx, this.t));
  }
}

/** Calls `fn` on every operand of the rule, depth first, left to right. */
export function forEachOperand(rule: Rule, fn: (operand: Operand) => void): void {
  const node = rule as Record<string, unknown>;
  const op = ruleOperator(rule);
  if (op === 'and' || op === 'or') (node[op] as Rule[]).forEach((r) => forEachOperand(r, fn));
  else if (op === 'not') forEachOperand(node.not as Rule, fn);
  else (node[op] as Operand[]).forEach(fn);
}

/** Values of every operand, whether or not evaluation short-circuited past it (§4a: every operand appears). */
export function collectValues(rule: Rule, ctx: EvalContext, t: number): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  forEachOperand(rule, (operand) => {
    const key = operandKey(operand, ctx.indicatorSpec);
    if (key !== undefined) values[key] = operandValueAt(ctx, operand, t);
  });
  return values;
}

function evalNode(rule: Rule, ctx: EvalContext, t: number): boolean {
  const node = rule as Record<string, unknown>;
  const op = ruleOperator(rule);
  switch (op) {
    case 'and':
      return (node.and as Rule[]).every((r) => evalNode(r, ctx, t));
    case 'or':
      return (node.or as Rule[]).some((r) => evalNode(r, ctx, t));
    case 'not':
      return !evalNode(node.not as Rule, ctx, t);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'eq':
    case 'ne':
      return compareAt(op, node[op] as Operand[], ctx, t, 0);
    case 'crosses':
    case 'crossesAbove':
    case 'crossesBelow':
      return crossing(op, node[op] as Operand[], ctx, t);
    case 'between':
    case 'outside':
    case 'entersChannel':
    case 'exitsChannel':
      return channel(op, node[op] as Operand[], ctx, t);
    default:
      return moves(op, node[op] as Operand[], (node.bars as number | undefined) ?? DEFAULTS.moveBars, ctx, t);
  }
}

/** Values of all operands `shift` bars before t, or null if any is missing. */
function valuesAt(operands: Operand[], ctx: EvalContext, t: number, shift: number): number[] | null {
  const out: number[] = [];
  for (const o of operands) {
    const v = operandValueAt(ctx, o, t, shift);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

function compareAt(op: ComparisonOp, operands: Operand[], ctx: EvalContext, t: number, shift: number): boolean {
  const a = operandValueAt(ctx, operands[0], t, shift);
  const b = a === null ? null : operandValueAt(ctx, operands[1], t, shift);
  if (a === null || b === null) return false;
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
  }
}

/** §4a: above ⇔ a[t-1] <= b[t-1] and a[t] > b[t]; below ⇔ a[t-1] >= b[t-1] and a[t] < b[t]. */
function crossing(op: CrossingOp, operands: Operand[], ctx: EvalContext, t: number): boolean {
  // Two operands each read directly (no array per read: this runs for every alert at every bar close).
  const a = operandValueAt(ctx, operands[0], t, 0);
  const b = operandValueAt(ctx, operands[1], t, 0);
  const a1 = operandValueAt(ctx, operands[0], t, 1);
  const b1 = operandValueAt(ctx, operands[1], t, 1);
  if (a === null || b === null || a1 === null || b1 === null) return false;
  const above = a1 <= b1 && a > b;
  const below = a1 >= b1 && a < b;
  if (op === 'crossesAbove') return above;
  if (op === 'crossesBelow') return below;
  return above || below;
}

/** Inclusive channel: `between` ⇔ lower <= x <= upper, `outside` ⇔ x < lower or x > upper. */
function insideAt(operands: Operand[], ctx: EvalContext, t: number, shift: number): boolean | null {
  const v = valuesAt(operands, ctx, t, shift);
  if (v === null) return null;
  const [x, lower, upper] = v;
  return lower <= x && x <= upper;
}

function channel(op: ChannelOp, operands: Operand[], ctx: EvalContext, t: number): boolean {
  const now = insideAt(operands, ctx, t, 0);
  if (now === null) return false;
  if (op === 'between') return now;
  if (op === 'outside') return !now;
  const before = insideAt(operands, ctx, t, 1);
  if (before === null) return false;
  return op === 'entersChannel' ? !before && now : before && !now;
}

/**
 * movesUp: x[t] − x[t−n] >= amount; movesUpPct: (x[t] − x[t−n]) / |x[t−n]| × 100 >= percent;
 * the Down forms mirror them. A zero base makes the percentage undefined, so the node is false.
 */
function moves(op: MoveOp, operands: Operand[], n: number, ctx: EvalContext, t: number): boolean {
  const x = operandValueAt(ctx, operands[0], t, 0);
  const base = operandValueAt(ctx, operands[0], t, n);
  const amount = operandValueAt(ctx, operands[1], t, 0);
  if (x === null || base === null || amount === null) return false;
  const change = op === 'movesUp' || op === 'movesUpPct' ? x - base : base - x;
  if (op === 'movesUp' || op === 'movesDown') return change >= amount;
  if (base === 0) return false;
  // Multiplying before dividing keeps round cases exact: 100 → 110 is exactly 10 %, not 10.000000000000002.
  return (change * 100) / Math.abs(base) >= amount;
}
