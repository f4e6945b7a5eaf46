import type { Operand } from '../alert-config.js';
import { operandValueAt, type EvalContext } from '../eval-context.js';

/** `{"crossesAbove": [a, b]}` …: a crossed b between the previous bar and this one. */
export const CROSSING_OPS = ['crosses', 'crossesAbove', 'crossesBelow'] as const;
export type CrossingOp = (typeof CROSSING_OPS)[number];

/** §4a: above ⇔ a[t-1] <= b[t-1] and a[t] > b[t]; below ⇔ a[t-1] >= b[t-1] and a[t] < b[t]. */
export function crossing(op: CrossingOp, operands: Operand[], ctx: EvalContext, t: number): boolean {
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
