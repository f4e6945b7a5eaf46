import type { Clock } from '../time/clock.js';
import { realSleep, type Sleep } from './sleep.js';

/** `tokens` per `intervalMs`, refilled continuously; `burst` caps the bucket (default `tokens`). */
export interface RateLimit {
  tokens: number;
  intervalMs: number;
  burst?: number;
}

class Bucket {
  private level: number;
  private updatedAt: number;
  readonly capacity: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    if (!(limit.tokens > 0 && limit.intervalMs > 0))
      throw new RangeError('rate limit needs tokens > 0 and intervalMs > 0');
    this.capacity = limit.burst ?? limit.tokens;
    this.level = this.capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until `cost` tokens are available (0 = now). */
  delay(cost: number, now: number): number {
    this.refill(now);
    if (this.level >= cost) return 0;
    return Math.ceil(((cost - this.level) * this.limit.intervalMs) / this.limit.tokens);
  }

  take(cost: number): void {
    this.level -= cost;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.capacity, this.level + (elapsed * this.limit.tokens) / this.limit.intervalMs);
    this.updatedAt = now;
  }
}

/**
 * A token bucket (or several, all of which must allow a call). Time comes from the injected
 * Clock and waiting from the injected Sleep, so the arithmetic is tested without real delays.
 */
export class RateLimiter {
  private readonly buckets: Bucket[];

  constructor(
    limits: RateLimit | readonly RateLimit[],
    private readonly clock: Clock,
    private readonly sleep: Sleep = realSleep,
  ) {
    const list = Array.isArray(limits) ? limits : [limits as RateLimit];
    this.buckets = list.map((l) => new Bucket(l, clock.now()));
  }

  /** Milliseconds until `cost` tokens could be taken; takes nothing. */
  delayFor(cost = 1): number {
    this.checkCost(cost);
    const now = this.clock.now();
    return Math.max(0, ...this.buckets.map((b) => b.delay(cost, now)));
  }

  /** Takes the tokens and answers 0, or takes nothing and answers how long to wait. */
  tryAcquire(cost = 1): number {
    const delay = this.delayFor(cost);
    if (delay === 0) this.buckets.forEach((b) => b.take(cost));
    return delay;
  }

  /** Waits until the tokens are taken; answers the total time waited. */
  async acquire(cost = 1, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (let delay = this.tryAcquire(cost); delay > 0; delay = this.tryAcquire(cost)) {
      await this.sleep(delay, signal);
      waited += delay;
    }
    return waited;
  }

  private checkCost(cost: number): void {
    const tooBig = this.buckets.find((b) => cost > b.capacity);
    if (tooBig)
      throw new RangeError(`cost ${cost} exceeds the bucket capacity ${tooBig.capacity}; it could never be served`);
  }
}
