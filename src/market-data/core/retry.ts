import { backoffDelay as exponentialBackoff } from '../../base/resilience/backoff.js';
import { isProviderError } from './provider-error.js';
import { realSleep, type Sleep } from '../../base/resilience/sleep.js';

export interface RetryOptions {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** ± fraction applied to each backoff so many callers do not retry in step. */
  jitter: number;
  /**
   * A rate limit asking us to wait longer than this is not waited out here: the error goes up
   * at once so the chain can fail over instead of blocking an alert evaluation.
   */
  maxRetryAfterMs: number;
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY: Omit<RetryOptions, 'sleep' | 'random'> = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  factor: 2,
  jitter: 0.2,
  maxRetryAfterMs: 10_000,
};

/** Backoff for retry number `attempt` (1 = the first retry): the one policy, with these options' numbers. */
export function backoffDelay(
  attempt: number,
  o: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'factor' | 'jitter'>,
  random: () => number = Math.random,
): number {
  return exponentialBackoff(
    attempt,
    { baseMs: o.baseDelayMs, maxMs: o.maxDelayMs, factor: o.factor, jitter: o.jitter },
    random(),
  );
}

/** Only `transient` errors and rate limits we may wait out are retried; everything else is final. */
export function retryDelay(err: unknown, attempt: number, o: RetryOptions): number | null {
  if (!isProviderError(err)) return null;
  const backoff = backoffDelay(attempt, o, o.random);
  if (err.code === 'transient') return Math.max(backoff, err.retryAfterMs ?? 0);
  if (err.code === 'rateLimited') {
    const wait = err.retryAfterMs ?? backoff;
    return wait <= o.maxRetryAfterMs ? wait : null;
  }
  return null;
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: Partial<RetryOptions> = {},
): Promise<T> {
  const o: RetryOptions = { ...DEFAULT_RETRY, sleep: realSleep, random: Math.random, ...options };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const delayMs = attempt < o.maxAttempts ? retryDelay(err, attempt, o) : null;
      if (delayMs === null || o.signal?.aborted) throw err;
      o.onRetry?.({ attempt, delayMs, error: err });
      await o.sleep(delayMs, o.signal);
    }
  }
}
