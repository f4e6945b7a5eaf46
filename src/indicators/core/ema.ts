import type { Bar, StreamingIndicator } from './types.js';

/**
 * EMA — ema = (close − ema)·k + ema with k = 2/(period+1), seeded by the SMA of the first
 * `period` closes (TA-Lib's default compatibility mode).
 * Warm-up: `period − 1` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_EMA.c
 */
export class Ema implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private readonly k: number;
  private count = 0;
  private sum = 0;
  private ema = NaN;
  private pCount = 0;
  private pSum = 0;
  private pEma = NaN;
  private started = false;

  constructor(readonly period: number) {
    this.k = 2 / (period + 1);
  }

  update(bar: Bar): number | null {
    this.started = true;
    this.pCount = this.count;
    this.pSum = this.sum;
    this.pEma = this.ema;
    return this.step(bar.close);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.count = this.pCount;
    this.sum = this.pSum;
    this.ema = this.pEma;
    return this.step(bar.close);
  }

  value(): number | null {
    return this.ema === this.ema ? this.ema : null;
  }

  private step(x: number): number | null {
    const n = ++this.count;
    if (n > this.period) {
      this.ema = (x - this.ema) * this.k + this.ema;
      return this.ema;
    }
    this.sum += x;
    if (n < this.period) return null;
    this.ema = this.sum / this.period;
    return this.ema;
  }
}
