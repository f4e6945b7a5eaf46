import type { Bar, StreamingIndicator } from './types.js';
import { RollingSum } from './window.js';

/**
 * SMA — arithmetic mean of the last `period` closes.
 * Warm-up: `period − 1` bars (first value at index period−1), as TA-Lib's TA_SMA.
 * Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_SMA.c
 */
export class Sma implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private readonly win: RollingSum;
  private out = NaN;
  private started = false;

  constructor(readonly period: number) {
    this.win = new RollingSum(period);
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

  value(): number | null {
    return this.out === this.out ? this.out : null;
  }

  private step(x: number): number | null {
    const w = this.win;
    w.push(x);
    if (w.count < w.size) return null;
    this.out = w.sum / w.size;
    return this.out;
  }
}
