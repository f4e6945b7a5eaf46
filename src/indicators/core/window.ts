/**
 * Fixed-size sliding windows with a one-step undo (for `replace()` of the forming bar).
 *
 * Both windows recompute their aggregates exactly from the buffer each time the write position
 * wraps (every `size` pushes): O(1) amortised per push, and the rounding error of the running
 * updates can never build up beyond one window's worth, however long the series.
 */
export class RollingSum {
  readonly size: number;
  readonly buf: Float64Array;
  count = 0;
  sum = 0;
  private pos = 0;
  private uPos = 0;
  private uCount = 0;
  private uSum = 0;
  private uEvicted = 0;

  constructor(size: number) {
    this.size = size;
    this.buf = new Float64Array(size);
  }

  get full(): boolean {
    return this.count === this.size;
  }

  /** Slot the next push writes; 0 right after a wrap, when the buffer is in chronological order. */
  get nextSlot(): number {
    return this.pos;
  }

  push(x: number): void {
    const pos = this.pos;
    const old = this.buf[pos];
    this.uPos = pos;
    this.uCount = this.count;
    this.uSum = this.sum;
    this.uEvicted = old;
    if (this.count < this.size) {
      this.count++;
      this.sum += x;
    } else {
      this.sum += x - old;
    }
    this.buf[pos] = x;
    if (pos + 1 === this.size) {
      this.pos = 0;
      if (this.count === this.size) this.recompute();
    } else this.pos = pos + 1;
  }

  /** Reverts the last push (exactly: restores the evicted value and the aggregates). */
  undo(): void {
    this.pos = this.uPos;
    this.count = this.uCount;
    this.sum = this.uSum;
    this.buf[this.pos] = this.uEvicted;
  }

  /** Oldest value in a full window (the one the next push evicts). */
  oldest(): number {
    return this.buf[this.pos];
  }

  private recompute(): void {
    let s = 0;
    const b = this.buf;
    for (let i = 0; i < b.length; i++) s += b[i];
    this.sum = s;
  }
}

/**
 * Sliding mean and population variance with Welford-style add/replace updates
 * (M2 += (x − x_old)·((x − mean') + (x_old − mean))), which never subtracts two large sums of
 * squares: prices of $0.001 or $100,000 keep their full relative precision.
 */
export class RollingVariance {
  readonly size: number;
  private readonly buf: Float64Array;
  count = 0;
  sum = 0;
  m2 = 0;
  private pos = 0;
  private uPos = 0;
  private uCount = 0;
  private uSum = 0;
  private uM2 = 0;
  private uEvicted = 0;

  constructor(size: number) {
    this.size = size;
    this.buf = new Float64Array(size);
  }

  push(x: number): void {
    const pos = this.pos;
    const old = this.buf[pos];
    const n = this.size;
    this.uPos = pos;
    this.uCount = this.count;
    this.uSum = this.sum;
    this.uM2 = this.m2;
    this.uEvicted = old;
    if (this.count < n) {
      const c = this.count;
      const oldMean = c === 0 ? x : this.sum / c;
      this.count = c + 1;
      this.sum += x;
      this.m2 += (x - oldMean) * (x - this.sum / (c + 1));
    } else {
      const oldMean = this.sum / n;
      this.sum += x - old;
      this.m2 += (x - old) * (x - this.sum / n + (old - oldMean));
    }
    this.buf[pos] = x;
    if (pos + 1 === n) {
      this.pos = 0;
      if (this.count === n) this.recompute();
    } else this.pos = pos + 1;
  }

  undo(): void {
    this.pos = this.uPos;
    this.count = this.uCount;
    this.sum = this.uSum;
    this.m2 = this.uM2;
    this.buf[this.pos] = this.uEvicted;
  }

  /** Two-pass exact mean and M2 over the window. */
  private recompute(): void {
    const b = this.buf;
    const n = b.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += b[i];
    const mean = s / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = b[i] - mean;
      m2 += d * d;
    }
    this.sum = s;
    this.m2 = m2;
  }
}

/**
 * Sliding minimum of the committed bars of a window (a monotonic deque of (index, value)).
 * For a maximum, push negated values. Capacity is the window length, so it never reallocates.
 */
export class MonotonicMinDeque {
  /** Interleaved (index, value) pairs: one typed array per deque keeps an instance small. */
  private readonly slots: Float64Array;
  private readonly cap: number;
  private head = 0;
  private len = 0;

  constructor(capacity: number) {
    this.cap = Math.max(1, capacity);
    this.slots = new Float64Array(2 * this.cap);
  }

  /** Adds value `v` of bar `i`, dropping every entry it dominates (larger or equal). */
  push(i: number, v: number): void {
    const s = this.slots;
    const cap = this.cap;
    // Conditional wrap instead of %: an integer division per step is most of the cost here.
    while (this.len > 0) {
      let back = this.head + this.len - 1;
      if (back >= cap) back -= cap;
      if (s[2 * back + 1] < v) break;
      this.len--;
    }
    let slot = this.head + this.len;
    if (slot >= cap) slot -= cap;
    s[2 * slot] = i;
    s[2 * slot + 1] = v;
    this.len++;
  }

  /** Drops entries of bars older than `firstIndex`. */
  evictBefore(firstIndex: number): void {
    while (this.len > 0 && this.slots[2 * this.head] < firstIndex) {
      this.head = this.head + 1 === this.cap ? 0 : this.head + 1;
      this.len--;
    }
  }

  /** Minimum of the deque, or +Infinity when empty. */
  min(): number {
    return this.len > 0 ? this.slots[2 * this.head + 1] : Infinity;
  }
}
