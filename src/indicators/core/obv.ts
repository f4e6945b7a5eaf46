import type { Bar, StreamingIndicator } from './types.js';

/**
 * OBV — on-balance volume: starts at the first bar's volume (as TA-Lib does), then adds the
 * volume of an up-close bar and subtracts that of a down-close bar.
 * Warm-up: none. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_OBV.c
 */
export class Obv implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private obv = NaN;
  private prevClose = NaN;
  private pObv = NaN;
  private pPrevClose = NaN;
  private started = false;

  update(bar: Bar): number | null {
    this.started = true;
    this.pObv = this.obv;
    this.pPrevClose = this.prevClose;
    return this.step(bar);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.obv = this.pObv;
    this.prevClose = this.pPrevClose;
    return this.step(bar);
  }

  value(): number | null {
    return this.obv === this.obv ? this.obv : null;
  }

  private step(bar: Bar): number {
    const c = bar.close;
    if (this.obv !== this.obv) this.obv = bar.volume;
    else if (c > this.prevClose) this.obv += bar.volume;
    else if (c < this.prevClose) this.obv -= bar.volume;
    this.prevClose = c;
    return this.obv;
  }
}
