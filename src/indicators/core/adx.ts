import { negligible } from './numeric.js';
import type { Bar, StreamingIndicator } from './types.js';
import { trueRange } from './atr.js';

/**
 * ADX — Wilder's Average Directional Index exactly as TA-Lib's C (unstable period 0):
 * +DM/−DM/TR are summed over bars 1…period−1, then Wilder-smoothed (x − x/period + new); over
 * bars period…2·period−1 the DX values are summed and their mean is the first ADX, afterwards
 * adx = (adx·(period−1) + dx)/period. As in TA-Lib, a bar whose TR (or +DI + −DI) is zero adds no
 * DX and leaves ADX unchanged; the zero tests are relative (numeric.ts).
 * Warm-up: 2·period − 1 bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_ADX.c
 */
export class Adx implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private s = new AdxState();
  private p = new AdxState();
  private started = false;

  constructor(readonly period: number) {}

  update(bar: Bar): number | null {
    this.started = true;
    this.p.copyFrom(this.s);
    return this.step(bar);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.s.copyFrom(this.p);
    return this.step(bar);
  }

  value(): number | null {
    const adx = this.s.adx;
    return adx === adx ? adx : null;
  }

  private step(bar: Bar): number | null {
    const s = this.s;
    const p = this.period;
    const n = s.count++;
    const { high, low, close } = bar;
    if (n === 0) {
      s.prevHigh = high;
      s.prevLow = low;
      s.prevClose = close;
      return null;
    }
    const diffP = high - s.prevHigh;
    const diffM = s.prevLow - low;
    const tr = trueRange(high, low, s.prevClose);
    s.prevHigh = high;
    s.prevLow = low;
    s.prevClose = close;
    if (n < p) {
      if (diffM > 0 && diffP < diffM) s.minusDM += diffM;
      else if (diffP > 0 && diffP > diffM) s.plusDM += diffP;
      s.tr += tr;
      return null;
    }
    s.minusDM -= s.minusDM / p;
    s.plusDM -= s.plusDM / p;
    if (diffM > 0 && diffP < diffM) s.minusDM += diffM;
    else if (diffP > 0 && diffP > diffM) s.plusDM += diffP;
    s.tr = s.tr - s.tr / p + tr;
    const dx = this.dx(close);
    if (n < 2 * p - 1) {
      if (dx === dx) s.sumDX += dx;
      return null;
    }
    if (n === 2 * p - 1) {
      if (dx === dx) s.sumDX += dx;
      s.adx = s.sumDX / p;
    } else if (dx === dx) {
      s.adx = (s.adx * (p - 1) + dx) / p;
    }
    return s.adx;
  }

  /** DX of the current smoothed sums, NaN where TA-Lib skips the bar. */
  private dx(close: number): number {
    const s = this.s;
    if (negligible(s.tr, close)) return NaN;
    const minusDI = 100 * (s.minusDM / s.tr);
    const plusDI = 100 * (s.plusDM / s.tr);
    const sum = minusDI + plusDI;
    if (negligible(sum, 100)) return NaN;
    return 100 * (Math.abs(minusDI - plusDI) / sum);
  }
}

class AdxState {
  count = 0;
  prevHigh = NaN;
  prevLow = NaN;
  prevClose = NaN;
  plusDM = 0;
  minusDM = 0;
  tr = 0;
  sumDX = 0;
  adx = NaN;

  copyFrom(o: AdxState): void {
    this.count = o.count;
    this.prevHigh = o.prevHigh;
    this.prevLow = o.prevLow;
    this.prevClose = o.prevClose;
    this.plusDM = o.plusDM;
    this.minusDM = o.minusDM;
    this.tr = o.tr;
    this.sumDX = o.sumDX;
    this.adx = o.adx;
  }
}
