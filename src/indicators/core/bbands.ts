import { negligible } from './numeric.js';
import type { Bar, StreamingIndicator } from './types.js';
import { RollingVariance } from './window.js';

const OUTPUTS = ['upper', 'middle', 'lower'] as const;

/**
 * Bollinger Bands — middle = SMA(period) of closes, upper/lower = middle ± stdDev·σ with σ the
 * population standard deviation of the same window (TA-Lib's BBANDS with MA type SMA).
 * Numerics differ from TA-Lib on purpose: TA-Lib computes σ² as mean(x²) − mean², which loses
 * every digit for prices under a cent or far from zero, and zeroes σ² < 1e-14 (absolute). We keep
 * σ² with sliding Welford updates (window.ts) and treat it as zero only relative to the price.
 * Warm-up: `period − 1` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_BBANDS.c
 */
export class Bbands implements StreamingIndicator {
  readonly outputs = OUTPUTS;
  private readonly win: RollingVariance;
  private middle = NaN;
  private width = NaN;
  private started = false;

  constructor(
    readonly period: number,
    readonly stdDev: number,
  ) {
    this.win = new RollingVariance(period);
  }

  update(bar: Bar): number | null {
    this.started = true;
    return this.step(bar.close);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.win.undo();
    return this.step(bar.close);
  }

  value(output: string = 'upper'): number | null {
    if (this.middle !== this.middle) return null;
    if (output === 'middle') return this.middle;
    return output === 'lower' ? this.middle - this.width : this.middle + this.width;
  }

  private step(x: number): number | null {
    const w = this.win;
    w.push(x);
    if (w.count < w.size) return null;
    const n = w.size;
    const mean = w.sum / n;
    const variance = w.m2 / n;
    // σ below 1e-14 of the price is float residue of a flat window, not volatility.
    const sd = variance <= 0 || negligible(Math.sqrt(variance), mean) ? 0 : Math.sqrt(variance);
    this.middle = mean;
    this.width = sd * this.stdDev;
    return mean + this.width;
  }
}
