import type { Bar, StreamingIndicator } from './types.js';

const OUTPUTS = ['macd', 'signal', 'histogram'] as const;

/**
 * MACD — fast EMA − slow EMA, its signal EMA, and histogram = macd − signal, seeded as TA-Lib's
 * TA_MACD: both EMAs produce their first value at bar slow−1 (the slow one seeded by the SMA of
 * bars 0…slow−1, the fast one by the SMA of the `fast` bars ending there), and the signal EMA is
 * seeded by the SMA of the first `signal` MACD values. Periods are swapped when slow < fast, as
 * TA-Lib does. All three outputs start together.
 * Warm-up: slow + signal − 2 bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_MACD.c
 */
export class Macd implements StreamingIndicator {
  readonly outputs = OUTPUTS;
  private readonly fast: number;
  private readonly slow: number;
  private readonly kFast: number;
  private readonly kSlow: number;
  private readonly kSignal: number;
  private s = new MacdState();
  private p = new MacdState();
  private started = false;

  constructor(
    fastPeriod: number,
    slowPeriod: number,
    readonly signalPeriod: number,
  ) {
    this.fast = Math.min(fastPeriod, slowPeriod);
    this.slow = Math.max(fastPeriod, slowPeriod);
    this.kFast = 2 / (this.fast + 1);
    this.kSlow = 2 / (this.slow + 1);
    this.kSignal = 2 / (signalPeriod + 1);
  }

  update(bar: Bar): number | null {
    this.started = true;
    this.p.copyFrom(this.s);
    return this.step(bar.close);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.s.copyFrom(this.p);
    return this.step(bar.close);
  }

  value(output: string = 'macd'): number | null {
    const s = this.s;
    if (s.signal !== s.signal) return null;
    if (output === 'signal') return s.signal;
    if (output === 'histogram') return s.macd - s.signal;
    return s.macd;
  }

  private step(x: number): number | null {
    const s = this.s;
    const n = s.count++;
    const slow = this.slow;
    if (n < slow) {
      s.slowSum += x;
      if (n >= slow - this.fast) s.fastSum += x;
      if (n < slow - 1) return null;
      s.slowEma = s.slowSum / slow;
      s.fastEma = s.fastSum / this.fast;
    } else {
      s.slowEma = (x - s.slowEma) * this.kSlow + s.slowEma;
      s.fastEma = (x - s.fastEma) * this.kFast + s.fastEma;
    }
    const macd = s.fastEma - s.slowEma;
    s.macd = macd;
    const m = n - (slow - 1); // index of this MACD value, 0-based
    const sp = this.signalPeriod;
    if (m < sp) {
      s.sigSum += macd;
      if (m < sp - 1) return null;
      s.signal = s.sigSum / sp;
    } else {
      s.signal = (macd - s.signal) * this.kSignal + s.signal;
    }
    return macd;
  }
}

class MacdState {
  count = 0;
  slowSum = 0;
  fastSum = 0;
  slowEma = NaN;
  fastEma = NaN;
  sigSum = 0;
  signal = NaN;
  macd = NaN;

  copyFrom(o: MacdState): void {
    this.count = o.count;
    this.slowSum = o.slowSum;
    this.fastSum = o.fastSum;
    this.slowEma = o.slowEma;
    this.fastEma = o.fastEma;
    this.sigSum = o.sigSum;
    this.signal = o.signal;
    this.macd = o.macd;
  }
}
