import { COMPARISON_OPS, CROSSING_OPS, PRICE_FIELDS } from '../../src/alerts/core/alert-config.js';
import type { Operand, Rule } from './types.js';

/** Indicators the form offers: those with one `period` parameter. Others are written in the JSON. */
export const PERIOD_INDICATORS = ['sma', 'ema', 'wma', 'rsi', 'atr', 'adx', 'cci', 'roc'] as const;
export const FORM_OPS = [...CROSSING_OPS, ...COMPARISON_OPS] as const;
export { PRICE_FIELDS };

/** One operand as the form holds it. */
export interface OperandForm {
  kind: 'indicator' | 'field' | 'value';
  indicator: string;
  period: number;
  field: string;
  value: number;
}

/** A rule the form can show: `{op: [a, b]}` with simple operands. */
export interface RuleForm {
  op: string;
  left: OperandForm;
  right: OperandForm;
}

export function operandOf(f: OperandForm): Operand {
  if (f.kind === 'indicator') return { indicator: f.indicator, params: { period: f.period } };
  if (f.kind === 'field') return { field: f.field as (typeof PRICE_FIELDS)[number] };
  return { value: f.value };
}

export function ruleOf(f: RuleForm): Rule {
  return { [f.op]: [operandOf(f.left), operandOf(f.right)] } as unknown as Rule;
}

const DEFAULT: OperandForm = { kind: 'value', indicator: 'rsi', period: 14, field: 'close', value: 0 };

function operandForm(o: unknown): OperandForm | null {
  if (typeof o !== 'object' || o === null || 'barsAgo' in o) return null;
  const x = o as Record<string, unknown>;
  const keys = Object.keys(x).sort().join(',');
  if (keys === 'value' && typeof x.value === 'number') return { ...DEFAULT, kind: 'value', value: x.value };
  if (keys === 'field' && (PRICE_FIELDS as readonly string[]).includes(String(x.field)))
    return { ...DEFAULT, kind: 'field', field: String(x.field) };
  const params = x.params as Record<string, unknown> | undefined;
  if (
    (keys === 'indicator,params' || keys === 'indicator') &&
    (PERIOD_INDICATORS as readonly string[]).includes(String(x.indicator)) &&
    (params === undefined || (Object.keys(params).join() === 'period' && Number.isInteger(params.period)))
  )
    return { ...DEFAULT, kind: 'indicator', indicator: String(x.indicator), period: Number(params?.period ?? 14) };
  return null;
}

/** The form's view of a rule, or null when the rule is more than the form can show (then only the JSON edits it). */
export function ruleForm(rule: unknown): RuleForm | null {
  if (typeof rule !== 'object' || rule === null) return null;
  const entries = Object.entries(rule);
  if (entries.length !== 1) return null;
  const [op, args] = entries[0];
  if (!(FORM_OPS as readonly string[]).includes(op) || !Array.isArray(args) || args.length !== 2) return null;
  const left = operandForm(args[0]);
  const right = operandForm(args[1]);
  return left && right ? { op, left, right } : null;
}
