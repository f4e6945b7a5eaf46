/**
 * Independent, deliberately naive indicator definitions (TA-Lib's) for end-to-end expectations:
 * written from the definitions, sharing no code with src/indicators.
 */
export function smaRef(xs: number[], period: number): Array<number | null> {
  return xs.map((_, i) =>
    i + 1 < period ? null : xs.slice(i + 1 - period, i + 1).reduce((a, b) => a + b, 0) / period,
  );
}

/** EMA seeded with the SMA of the first `period` values (TA-Lib), k = 2 / (period + 1). */
export function emaRef(xs: number[], period: number): Array<number | null> {
  const out: Array<number | null> = xs.map(() => null);
  if (xs.length < period) return out;
  let ema = xs.slice(0, period).reduce((a, b) => a + b, 0) / period;
  out[period - 1] = ema;
  const k = 2 / (period + 1);
  for (let i = period; i < xs.length; i++) {
    ema = (xs[i] - ema) * k + ema;
    out[i] = ema;
  }
  return out;
}

/** Wilder's RSI as TA-Lib computes it: first averages are plain means of the first `period` changes. */
export function rsiRef(xs: number[], period: number): Array<number | null> {
  const out: Array<number | null> = xs.map(() => null);
  if (xs.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = xs[i] - xs[i - 1];
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = () => (gain + loss === 0 ? 0 : (100 * gain) / (gain + loss));
  out[period] = value();
  for (let i = period + 1; i < xs.length; i++) {
    const d = xs[i] - xs[i - 1];
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
    out[i] = value();
  }
  return out;
}

/**
 * The contract's trigger semantics with the default rearm (rule false on a closed bar), over the
 * evaluated bar indices: fires when armed and the rule holds; rearms (without firing) on a false bar.
 */
export function expectedFires(rule: (i: number) => boolean, evaluated: number[]): number[] {
  const fires: number[] = [];
  let armed = true;
  for (const i of evaluated) {
    const r = rule(i);
    if (armed && r) {
      fires.push(i);
      armed = false;
    } else if (!armed && !r) {
      armed = true;
    }
  }
  return fires;
}

export function crossesAbove(a: Array<number | null>, b: Array<number | null>, i: number): boolean {
  const [a0, b0, a1, b1] = [a[i - 1], b[i - 1], a[i], b[i]];
  return i > 0 && a0 != null && b0 != null && a1 != null && b1 != null && a0 <= b0 && a1 > b1;
}

export function crossesBelow(a: Array<number | null>, b: Array<number | null>, i: number): boolean {
  const [a0, b0, a1, b1] = [a[i - 1], b[i - 1], a[i], b[i]];
  return i > 0 && a0 != null && b0 != null && a1 != null && b1 != null && a0 >= b0 && a1 < b1;
}
