import type { Bar, StreamingIndicator } from './types.js';
import { RollingSum } from './window.js';

/**
 * ROC — ((close / close[period bars ago]) − 1)·100, TA-Lib's ROC.
 * Warm-up: `period` bars. A zero previous close has no rate of change: we return `null` there
 * where TA-Lib writes 0 (real prices are never 0, so reference series agree).
 * Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_ROC.c
 */
export class Roc implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private readonly win: RollingSum;
  private out = NaN;
  private pOut = NaN;
  private started = false;

  constructor(readonly period: number) {
    this.win = new RollingSum(period);
  }

  update(bar: Bar): number | null {
    this.started = true;
    this.pOut = this.out;
    return this.step(bar.close);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.win.undo();
    this.out = this.pOut;
    return this.step(bar.close);
  }

  value(): number | null {
    return this.out === this.out ? this.out : null;
  }

  private step(x: number): number | null {
    const w = this.win;
    const full = w.count === w.size;
    const prev = w.oldest();
    w.push(x);
    if (!full) return null;
    this.out = prev !== 0 ? (x / prev - 1) * 100 : NaN;
    return this.out === this.out ? this.out : null;
  }
}
