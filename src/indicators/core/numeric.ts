/**
 * Numeric helpers shared by the indicator kernels.
 *
 * TA-Lib guards its divisions with an absolute epsilon (1e-14), which is wrong at both ends of the
 * price scale: a coin quoted at 1e-8 has every variance "zero", and a float residue of 1e-12 on a
 * BTC price is not zero. We compare a quantity with the magnitude it was computed from instead.
 */
export const REL_EPS = 1e-14;

/** True when `x` is zero compared with `scale` (the magnitude of the inputs it came from). */
export function negligible(x: number, scale: number): boolean {
  return Math.abs(x) <= REL_EPS * Math.abs(scale);
}
