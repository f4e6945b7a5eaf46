import type { Operand } from '../alert-config.js';
import { operandValueAt, type EvalContext } from '../eval-context.js';

/** `{"gt": [a, b]}` … : a op b at the bar. Exact IEEE doubles: `eq` is `===` (use `between` for a tolerance). */
export const COMPARISON_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export function compareAt(op: ComparisonOp, operands: Operand[], ctx: EvalContext, t: number, shift: number): boolean {
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
