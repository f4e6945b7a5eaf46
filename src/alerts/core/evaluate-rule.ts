import { DEFAULTS, ruleOperator, type Operand, type Rule } from './alert-config.js';
import { operandKey, operandValueAt, type EvalContext } from './eval-context.js';
import { channel } from './rules/channel.js';
import { compareAt } from './rules/comparison.js';
import { crossing } from './rules/crossing.js';
import { moves } from './rules/moves.js';

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
    case 'movesUp':
    case 'movesDown':
    case 'movesUpPct':
    case 'movesDownPct':
      return moves(op, node[op] as Operand[], (node.bars as number | undefined) ?? DEFAULTS.moveBars, ctx, t);
    default:
      return unknownOperator(op);
  }
}

/** The compiler proves every operator has its case above; validation keeps unknown ones out at run time. */
function unknownOperator(op: never): never {
  throw new Error(`unknown rule operator ${String(op)}`);
}
