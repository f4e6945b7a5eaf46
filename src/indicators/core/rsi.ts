import { negligible } from './numeric.js';
import type { Bar, StreamingIndicator } from './types.js';

/**
 * RSI — 100·avgGain/(avgGain+avgLoss) with Wilder smoothing, exactly as TA-Lib's C: the first
 * averages are the plain means of the first `period` close-to-close moves, then
 * avg = (avg·(period−1) + move)/period. TA-Lib's unstable period is 0 (its default).
 * When avgGain+avgLoss is zero (a flat series) TA-Lib outputs 0 and so do we; the zero test is
 * relative to the price (see numeric.ts).
 * Warm-up: `period` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_RSI.c
 */
export class Rsi implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private count = 0;
  private prevClose = NaN;
  private gain = 0;
  private loss = 0;
  private out = NaN;
  private pCount = 0;
  private pPrevClose = NaN;
  private pGain = 0;
  private pLoss = 0;
  private started = false;

  constructor(readonly period: number) {}

  update(bar: Bar): number | null {
    this.started = true;
    this.pCount = this.count;
    this.pPrevClose = this.prevClose;
    this.pGain = this.gain;
    this.pLoss = this.loss;
    return this.step(bar.close);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.count = this.pCount;
    this.prevClose = this.pPrevClose;
    this.gain = this.pGain;
    this.loss = this.pLoss;
    return this.step(bar.close);
  }

  value(): number | null {
    return this.out === this.out ? this.out : null;
  }

  private step(x: number): number | null {
    const n = this.count++;
    const p = this.period;
    const move = x - this.prevClose;
    this.prevClose = x;
    if (n === 0) return null;
    if (n <= p) {
      if (move < 0) this.loss -= move;
      else this.gain += move;
      if (n < p) return null;
      this.loss /= p;
      this.gain /= p;
    } else {
      // Same operation order as TA-Lib, so results agree to the last bits.
      this.loss *= p - 1;
      this.gain *= p - 1;
      if (move < 0) this.loss -= move;
      else this.gain += move;
      this.loss /= p;
      this.gain /= p;
    }
    const total = this.gain + this.loss;
    this.out = negligible(total, x) ? 0 : 100 * (this.gain / total);
    return this.out;
  }
}
