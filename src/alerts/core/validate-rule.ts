import {
  CHANNEL_OPS,
  COMPARISON_OPS,
  CROSSING_OPS,
  LIMITS,
  MOVE_OPS,
  PRICE_FIELDS,
  RULE_OPERATORS,
  type IndicatorSpecFn,
} from './alert-config.js';
import { checkEnum, checkUnknownFields, isFiniteNumber, isIntegerIn, isPlainObject } from './validate-helpers.js';

/** What the walk over one rule tree found, besides problems: the history it needs to be decidable. */
export interface RuleWalkResult {
  /** Bars an evaluation needs so that every operand has a value (warm-up + barsAgo + look-back). */
  barsNeeded: number;
  /** Path of the operand that needs the most bars. */
  barsNeededBy?: string;
}

interface Walk extends RuleWalkResult {
  root: string;
  problems: string[];
  spec: IndicatorSpecFn;
  nodes: number;
  tooMany: boolean;
  tooDeep: boolean;
}

const OPERAND_KINDS = ['value', 'field', 'indicator'] as const;
const OPERAND_FIELDS: Record<(typeof OPERAND_KINDS)[number], readonly string[]> = {
  value: ['value', 'barsAgo'],
  field: ['field', 'barsAgo'],
  indicator: ['indicator', 'params', 'output', 'barsAgo'],
};

function arityOf(op: string): { count: number; names: string } | undefined {
  if ((COMPARISON_OPS as readonly string[]).includes(op)) return { count: 2, names: '[a, b]' };
  if ((CROSSING_OPS as readonly string[]).includes(op)) return { count: 2, names: '[a, b]' };
  if ((CHANNEL_OPS as readonly string[]).includes(op)) return { count: 3, names: '[x, lower, upper]' };
  if (op === 'movesUp' || op === 'movesDown') return { count: 2, names: '[x, amount]' };
  if (op === 'movesUpPct' || op === 'movesDownPct') return { count: 2, names: '[x, percent]' };
  return undefined;
}

/** How many bars before t a node reads (crossings and channel entries look at t-1). */
function lookBehind(op: string, node: Record<string, unknown>): number {
  if ((MOVE_OPS as readonly string[]).includes(op)) return isIntegerIn(node.bars, 1) ? node.bars : 1;
  if ((CROSSING_OPS as readonly string[]).includes(op) || op === 'entersChannel' || op === 'exitsChannel') return 1;
  return 0;
}

/**
 * Validates one rule tree (CONTRACT §4, §4a limits), pushing every problem with its full path.
 * The walk stops descending past the depth and node limits, so hostile input stays cheap.
 */
export function validateRule(input: unknown, path: string, spec: IndicatorSpecFn, problems: string[]): RuleWalkResult {
  const walk: Walk = { root: path, problems, spec, nodes: 0, tooMany: false, tooDeep: false, barsNeeded: 0 };
  visitRule(input, path, 1, walk);
  return { barsNeeded: walk.barsNeeded, barsNeededBy: walk.barsNeededBy };
}

function countNode(walk: Walk): boolean {
  walk.nodes += 1;
  if (walk.nodes <= LIMITS.maxRuleNodes) return true;
  if (!walk.tooMany) {
    walk.tooMany = true;
    walk.problems.push(`${walk.root} must have at most ${LIMITS.maxRuleNodes} nodes (rule nodes and operands)`);
  }
  return false;
}

function visitRule(node: unknown, path: string, depth: number, walk: Walk): void {
  if (!countNode(walk)) return;
  if (depth > LIMITS.maxRuleDepth) {
    if (!walk.tooDeep)
      walk.problems.push(`${path} is nested too deeply: rule depth must be at most ${LIMITS.maxRuleDepth}`);
    walk.tooDeep = true;
    return;
  }
  if (!isPlainObject(node)) {
    walk.problems.push(`${path} must be a rule object with one operator`);
    return;
  }
  const ops = Object.keys(node).filter((k) => (RULE_OPERATORS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    walk.problems.push(
      ops.length === 0
        ? `${path} must have one operator: ${RULE_OPERATORS.join(', ')}`
        : `${path} must have exactly one operator, found ${ops.join(', ')}`,
    );
    return;
  }
  const op = ops[0];
  const isMove = (MOVE_OPS as readonly string[]).includes(op);
  checkUnknownFields(node, isMove ? [op, 'bars'] : [op], path, walk.problems);
  if (op === 'and' || op === 'or') visitList(node[op], `${path}.${op}`, depth, walk);
  else if (op === 'not') visitRule(node.not, `${path}.not`, depth + 1, walk);
  else visitComparison(op, node, path, walk);
}

function visitList(list: unknown, path: string, depth: number, walk: Walk): void {
  if (!Array.isArray(list) || list.length === 0) {
    walk.problems.push(`${path} must be a non-empty array of rules`);
    return;
  }
  list.forEach((child, i) => visitRule(child, `${path}[${i}]`, depth + 1, walk));
}

function visitComparison(op: string, node: Record<string, unknown>, path: string, walk: Walk): void {
  const arity = arityOf(op)!;
  const operands = node[op];
  const opPath = `${path}.${op}`;
  if (
    (MOVE_OPS as readonly string[]).includes(op) &&
    node.bars !== undefined &&
    !isIntegerIn(node.bars, 1, LIMITS.maxMoveBars)
  ) {
    walk.problems.push(`${path}.bars must be an integer from 1 to ${LIMITS.maxMoveBars}`);
  }
  if (!Array.isArray(operands) || operands.length !== arity.count) {
    walk.problems.push(`${opPath} must be an array of exactly ${arity.count} operands ${arity.names}`);
    return;
  }
  const behind = lookBehind(op, node);
  operands.forEach((o, i) => visitOperand(o, `${opPath}[${i}]`, behind, walk));
  checkConstants(op, operands, opPath, walk.problems);
}

/** Catches constant operands that make a node meaningless, the one case decidable before any data. */
function checkConstants(op: string, operands: unknown[], path: string, problems: string[]): void {
  const constant = (o: unknown) => (isPlainObject(o) && isFiniteNumber(o.value) ? o.value : undefined);
  if ((CHANNEL_OPS as readonly string[]).includes(op)) {
    const lower = constant(operands[1]);
    const upper = constant(operands[2]);
    if (lower !== undefined && upper !== undefined && lower > upper) {
      problems.push(`${path}[1] (lower) must not be greater than ${path}[2] (upper)`);
    }
  }
  const amount = (MOVE_OPS as readonly string[]).includes(op) ? constant(operands[1]) : undefined;
  if (amount !== undefined && amount < 0) problems.push(`${path}[1].value must not be negative`);
}

function visitOperand(o: unknown, path: string, behind: number, walk: Walk): void {
  if (!countNode(walk)) return;
  if (!isPlainObject(o)) {
    walk.problems.push(`${path} must be an operand: {value}, {field} or {indicator}`);
    return;
  }
  const kinds = OPERAND_KINDS.filter((k) => k in o);
  if (kinds.length !== 1) {
    walk.problems.push(`${path} must have exactly one of value, field or indicator`);
    return;
  }
  const kind = kinds[0];
  checkUnknownFields(o, OPERAND_FIELDS[kind], path, walk.problems);
  const barsAgo = o.barsAgo ?? 0;
  if (!isIntegerIn(barsAgo, 0)) walk.problems.push(`${path}.barsAgo must be a non-negative integer`);
  if (kind === 'value' && !isFiniteNumber(o.value)) walk.problems.push(`${path}.value must be a finite number`);
  if (kind === 'field') checkEnum(o.field, PRICE_FIELDS, `${path}.field`, walk.problems);
  const warmup = kind === 'indicator' ? visitIndicator(o, path, walk) : 0;
  if (kind !== 'value' && isIntegerIn(barsAgo, 0)) {
    const needed = warmup + barsAgo + behind + 1;
    if (needed > walk.barsNeeded) {
      walk.barsNeeded = needed;
      walk.barsNeededBy = path;
    }
  }
}

/** Checks an indicator operand's shape, then asks the indicator library; returns its warm-up. */
function visitIndicator(o: Record<string, unknown>, path: string, walk: Walk): number {
  const { problems } = walk;
  const before = problems.length;
  if (typeof o.indicator !== 'string' || o.indicator.length === 0)
    problems.push(`${path}.indicator must be a non-empty string`);
  if (o.output !== undefined && (typeof o.output !== 'string' || o.output.length === 0)) {
    problems.push(`${path}.output must be a non-empty string`);
  }
  const params = o.params ?? {};
  if (!isPlainObject(params)) problems.push(`${path}.params must be an object`);
  else checkParamValues(params, `${path}.params`, problems);
  if (problems.length > before) return 0;
  try {
    const spec = walk.spec(o.indicator as string, params as Record<string, unknown>, o.output as string | undefined);
    for (const p of spec.problems) problems.push(prefixProblem(path, p, params as Record<string, unknown>));
    return spec.problems.length === 0 && isIntegerIn(spec.warmup, 0) ? spec.warmup : 0;
  } catch (err) {
    // An indicator library that throws on bad input must still yield a problem, not a 500.
    problems.push(`${path}.indicator is invalid: ${err instanceof Error ? err.message : String(err)}`);
    return 0;
  }
}

/**
 * Puts the operand's path in front of an indicator library problem. Problems may name the param
 * bare (`period must be …`, as src/indicators/core words them) or relative to the operand
 * (`params.period must be …`); both become `<path>.params.period must be …`.
 */
function prefixProblem(path: string, problem: string, params: Record<string, unknown>): string {
  if (/^(params\.|output\b|indicator\b)/.test(problem)) return `${path}.${problem}`;
  const first = problem.split(' ', 1)[0];
  if (Object.hasOwn(params, first)) return `${path}.params.${problem}`;
  return `${path}: ${problem}`;
}

function checkParamValues(params: Record<string, unknown>, path: string, problems: string[]): void {
  for (const [key, value] of Object.entries(params)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
    if (!ok) problems.push(`${path}.${key} must be a finite number, a string or a boolean`);
  }
}
