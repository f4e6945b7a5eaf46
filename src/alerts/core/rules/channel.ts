import type { Operand } from '../alert-config.js';
import { operandValueAt, type EvalContext } from '../eval-context.js';

/** `{"between": [x, lower, upper]}` …: x inside or outside the channel, or entering or leaving it. */
export const CHANNEL_OPS = ['between', 'outside', 'entersChannel', 'exitsChannel'] as const;
export type ChannelOp = (typeof CHANNEL_OPS)[number];

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

/** Inclusive channel: `between` ⇔ lower <= x <= upper, `outside` ⇔ x < lower or x > upper. */
function insideAt(operands: Operand[], ctx: EvalContext, t: number, shift: number): boolean | null {
  const v = valuesAt(operands, ctx, t, shift);
  if (v === null) return null;
  const [x, lower, upper] = v;
  return lower <= x && x <= upper;
}

export function channel(op: ChannelOp, operands: Operand[], ctx: EvalContext, t: number): boolean {
  const now = insideAt(operands, ctx, t, 0);
  if (now === null) return false;
  if (op === 'between') return now;
  if (op === 'outside') return !now;
  const before = insideAt(operands, ctx, t, 1);
  if (before === null) return false;
  return op === 'entersChannel' ? !before && now : before && !now;
}
