import { negligible } from './numeric.js';
import type { Bar, StreamingIndicator } from './types.js';
import { MonotonicMinDeque, RollingSum } from './window.js';

const OUTPUTS = ['k', 'd'] as const;

/**
 * Stochastic — TA-Lib's STOCH with SMA smoothing: fastK = 100·(close − LL)/(HH − LL) over the
 * last `kPeriod` bars (0 when HH = LL, as TA-Lib), k = SMA(kSlowing) of fastK, d = SMA(dPeriod)
 * of k. Both outputs start together, as in TA-Lib.
 * O(1) amortised: HH and LL come from monotonic deques over the *committed* bars, and the latest
 * bar is kept aside and only committed by the next `update`, so `replace` never touches a deque.
 * Warm-up: (kPeriod−1) + (kSlowing−1) + (dPeriod−1) bars.
 * Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_STOCH.c
 */
export class Stoch implements StreamingIndicator {
  readonly outputs = OUTPUTS;
  private readonly lows: MonotonicMinDeque;
  private readonly negHighs: MonotonicMinDeque;
  private readonly slowK: RollingSum;
  private readonly slowD: RollingSum;
  private count = 0;
  private lastLow = NaN;
  private lastHigh = NaN;
  private k = NaN;
  private d = NaN;
  private started = false;
  /** What the last step pushed into the smoothing windows, so `replace` undoes exactly that. */
  private pushedK = false;
  private pushedD = false;

  constructor(
    readonly kPeriod: number,
    readonly kSlowing: number,
    readonly dPeriod: number,
  ) {
    this.lows = new MonotonicMinDeque(kPeriod);
    this.negHighs = new MonotonicMinDeque(kPeriod);
    this.slowK = new RollingSum(kSlowing);
    this.slowD = new RollingSum(dPeriod);
  }

  update(bar: Bar): number | null {
    this.started = true;
    const t = this.count++;
    if (t > 0) {
      this.lows.push(t - 1, this.lastLow);
      this.negHighs.push(t - 1, -this.lastHigh);
    }
    const first = t - this.kPeriod + 1;
    this.lows.evictBefore(first);
    this.negHighs.evictBefore(first);
    return this.step(bar, false);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    return this.step(bar, true);
  }

  value(output: string = 'k'): number | null {
    if (this.d !== this.d) return null;
    return output === 'd' ? this.d : this.k;
  }

  private step(bar: Bar, again: boolean): number | null {
    this.lastLow = bar.low;
    this.lastHigh = bar.high;
    const sk = this.slowK;
    const sd = this.slowD;
    if (again) {
      if (this.pushedD) sd.undo();
      if (this.pushedK) sk.undo();
    }
    this.pushedK = this.pushedD = false;
    if (this.count < this.kPeriod) return null;
    const ll = Math.min(this.lows.min(), bar.low);
    const hh = Math.max(-this.negHighs.min(), bar.high);
    const range = hh - ll;
    // TA-Lib divides by (HH−LL)/100; same expression, same rounding.
    const fastK = negligible(range, hh) ? 0 : (bar.close - ll) / (range / 100);
    sk.push(fastK);
    this.pushedK = true;
    if (!sk.full) {
      this.k = NaN;
      this.d = NaN;
      return null;
    }
    this.k = sk.sum / sk.size;
    sd.push(this.k);
    this.pushedD = true;
    if (!sd.full) {
      this.d = NaN;
      return null;
    }
    this.d = sd.sum / sd.size;
    return this.k;
  }
}
