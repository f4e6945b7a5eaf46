import type { Bar, StreamingIndicator } from './types.js';

/** True range of a bar given the previous close (TA-Lib's TRANGE). */
export function trueRange(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const up = Math.abs(high - prevClose);
  if (up > tr) tr = up;
  const down = Math.abs(low - prevClose);
  if (down > tr) tr = down;
  return tr;
}

/**
 * ATR — Wilder-smoothed true range, as TA-Lib's C: the first ATR is the mean of the true ranges of
 * bars 1…period (bar 0 has no previous close), then atr = (atr·(period−1) + tr)/period.
 * Unstable period 0 (TA-Lib's default).
 * Warm-up: `period` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_ATR.c
 */
export class Atr implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private count = 0;
  private prevClose = NaN;
  private atr = NaN;
  private sum = 0;
  private pCount = 0;
  private pPrevClose = NaN;
  private pAtr = NaN;
  private pSum = 0;
  private started = false;

  constructor(readonly period: number) {}

  update(bar: Bar): number | null {
    this.started = true;
    this.pCount = this.count;
    this.pPrevClose = this.prevClose;
    this.pAtr = this.atr;
    this.pSum = this.sum;
    return this.step(bar);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.count = this.pCount;
    this.prevClose = this.pPrevClose;
    this.atr = this.pAtr;
    this.sum = this.pSum;
    return this.step(bar);
  }

  value(): number | null {
    return this.atr === this.atr ? this.atr : null;
  }

  private step(bar: Bar): number | null {
    const n = this.count++;
    const p = this.period;
    const prevClose = this.prevClose;
    this.prevClose = bar.close;
    if (n === 0) return null;
    const tr = trueRange(bar.high, bar.low, prevClose);
    if (n < p) {
      this.sum += tr;
      return null;
    }
    if (n === p) {
      this.sum += tr;
      this.atr = this.sum / p;
      return this.atr;
    }
    this.atr = (this.atr * (p - 1) + tr) / p;
    return this.atr;
  }
}
