/**
 * Tight-loop batch kernels over typed arrays for the indicators where a loop beats driving the
 * streaming class (no per-bar method calls or undo bookkeeping). Each returns a Float64Array
 * aligned with the input, NaN before the first value, and follows the same definitions and
 * numerics as the streaming class of the same name (checked against TA-Lib by the same tests).
 */
import { negligible } from './numeric.js';

function filled(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** SMA with the running sum recomputed every `p` bars (see window.ts). */
export function smaKernel(c: Float64Array, p: number): Float64Array {
  const n = c.length;
  const out = filled(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += c[i];
    if (i >= p) sum -= c[i - p];
    if (i >= p - 1) {
      if ((i + 1) % p === 0) {
        sum = 0;
        for (let j = i - p + 1; j <= i; j++) sum += c[j];
      }
      out[i] = sum / p;
    }
  }
  return out;
}

export function emaKernel(c: Float64Array, p: number): Float64Array {
  const n = c.length;
  const out = filled(n);
  if (n < p) return out;
  const k = 2 / (p + 1);
  let sum = 0;
  for (let i = 0; i < p; i++) sum += c[i];
  let ema = sum / p;
  out[p - 1] = ema;
  for (let i = p; i < n; i++) {
    ema = (c[i] - ema) * k + ema;
    out[i] = ema;
  }
  return out;
}

export function rsiKernel(c: Float64Array, p: number): Float64Array {
  const n = c.length;
  const out = filled(n);
  if (n <= p) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= p; i++) {
    const m = c[i] - c[i - 1];
    if (m < 0) loss -= m;
    else gain += m;
  }
  loss /= p;
  gain /= p;
  out[p] = negligible(gain + loss, c[p]) ? 0 : 100 * (gain / (gain + loss));
  for (let i = p + 1; i < n; i++) {
    const m = c[i] - c[i - 1];
    loss *= p - 1;
    gain *= p - 1;
    if (m < 0) loss -= m;
    else gain += m;
    loss /= p;
    gain /= p;
    const t = gain + loss;
    out[i] = negligible(t, c[i]) ? 0 : 100 * (gain / t);
  }
  return out;
}

export function atrKernel(h: Float64Array, l: Float64Array, c: Float64Array, p: number): Float64Array {
  const n = h.length;
  const out = filled(n);
  let atr = 0;
  for (let i = 1; i < n; i++) {
    const yc = c[i - 1];
    let tr = h[i] - l[i];
    const up = Math.abs(h[i] - yc);
    if (up > tr) tr = up;
    const dn = Math.abs(l[i] - yc);
    if (dn > tr) tr = dn;
    if (i < p) atr += tr;
    else if (i === p) {
      atr = (atr + tr) / p;
      out[i] = atr;
    } else {
      atr = (atr * (p - 1) + tr) / p;
      out[i] = atr;
    }
  }
  return out;
}

export function obvKernel(c: Float64Array, v: Float64Array): Float64Array {
  const n = c.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let obv = v[0];
  out[0] = obv;
  for (let i = 1; i < n; i++) {
    if (c[i] > c[i - 1]) obv += v[i];
    else if (c[i] < c[i - 1]) obv -= v[i];
    out[i] = obv;
  }
  return out;
}

export function rocKernel(c: Float64Array, p: number): Float64Array {
  const n = c.length;
  const out = filled(n);
  for (let i = p; i < n; i++) {
    const prev = c[i - p];
    if (prev !== 0) out[i] = (c[i] / prev - 1) * 100;
  }
  return out;
}
