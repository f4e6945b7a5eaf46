import type { Operand } from '../alert-config.js';
import { operandValueAt, type EvalContext } from '../eval-context.js';

/** `{"movesUp": [x, amount], "bars": n}` …: x moved by at least an amount (or a percentage) over n bars. */
export const MOVE_OPS = ['movesUp', 'movesDown', 'movesUpPct', 'movesDownPct'] as const;
export type MoveOp = (typeof MOVE_OPS)[number];

/**
 * movesUp: x[t] − x[t−n] >= amount; movesUpPct: (x[t] − x[t−n]) / |x[t−n]| × 100 >= percent;
 * the Down forms mirror them. A zero base makes the percentage undefined, so the node is false.
 */
export function moves(op: MoveOp, operands: Operand[], n: number, ctx: EvalContext, t: number): boolean {
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
