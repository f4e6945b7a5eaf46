import type { Clock } from '../time/clock.js';

export type CircuitState = 'closed' | 'open' | 'halfOpen';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs?: number;
  /** Which errors count against the guarded service; by default every error does. */
  isFailure?: (err: unknown) => boolean;
  /** The error `execute` throws while the circuit refuses calls; by default a CircuitOpenError. */
  openError?: (info: CircuitOpenInfo) => Error;
}

export interface CircuitOpenInfo {
  name: string;
  failures: number;
  /** How long until the next probe is let through. */
  retryAfterMs: number;
}

/** Thrown by `execute` while the circuit is open (unless the owner supplies its own error). */
export class CircuitOpenError extends Error {
  readonly retryAfterMs: number;

  constructor(info: CircuitOpenInfo) {
    super(`${info.name}: circuit open after ${info.failures} failures`);
    this.name = 'CircuitOpenError';
    this.retryAfterMs = info.retryAfterMs;
  }
}

export interface CircuitSnapshot {
  state: CircuitState;
  consecutiveFailures: number;
  openedAt: number | null;
  /** When an open circuit lets the next probe through. */
  retryAt: number | null;
  lastError: string | null;
}

/**
 * closed → (failureThreshold consecutive failures) → open → (cooldownMs) → halfOpen, where exactly
 * one probe runs: its success closes the circuit, its failure reopens it for another cooldown.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private lastError: string | null = null;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly isFailure: (err: unknown) => boolean;
  private readonly makeOpenError: (info: CircuitOpenInfo) => Error;

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
    options: CircuitBreakerOptions = {},
  ) {
    this.threshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.isFailure = options.isFailure ?? (() => true);
    this.makeOpenError = options.openError ?? ((info) => new CircuitOpenError(info));
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now() - this.openedAt >= this.cooldownMs ? 'halfOpen' : 'open';
  }

  /** True when a call would be let through now (half-open lets only one probe at a time). */
  canRequest(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'halfOpen' && !this.probing);
  }

  async execute<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.canRequest()) throw this.openError();
    const probe = this.state === 'halfOpen';
    if (probe) this.probing = true;
    try {
      const result = await fn();
      this.recordSuccess();
      return result;
    } catch (err) {
      if (this.isFailure(err)) this.recordFailure(err);
      else if (probe) this.recordSuccess(); // the vendor answered; it is up
      throw err;
    } finally {
      if (probe) this.probing = false;
    }
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
  }

  recordFailure(err?: unknown): void {
    this.failures++;
    this.lastError = err instanceof Error ? err.message : err === undefined ? null : String(err);
    // A failed probe reopens at once; otherwise the threshold decides.
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.clock.now();
  }

  snapshot(): CircuitSnapshot {
    return {
      state: this.state,
      consecutiveFailures: this.failures,
      openedAt: this.openedAt,
      retryAt: this.openedAt === null ? null : this.openedAt + this.cooldownMs,
      lastError: this.lastError,
    };
  }

  private openError(): Error {
    const retryAfterMs = this.openedAt === null ? 0 : Math.max(0, this.openedAt + this.cooldownMs - this.clock.now());
    return this.makeOpenError({ name: this.name, failures: this.failures, retryAfterMs });
  }
}
