/**
 * The one backoff policy of the service (CONTRACT §5's): exponential from a base, the base capped,
 * then ±jitter around it so that callers that failed together do not retry in step. Vendor calls
 * (market-data/core/retry.ts), notification deliveries (notifications/core/backoff.ts) and job
 * attempts (scheduler/run-executor.ts) all wait by it, each with its own numbers.
 */
export interface BackoffPolicy {
  /** The delay after the first failure, before jitter. */
  baseMs: number;
  /** The exponential growth stops here (jitter then spreads around it). */
  maxMs: number;
  /** Growth per attempt (2: doubling). */
  factor: number;
  /** ± fraction of the delay; 0.2 spreads it over [0.8, 1.2] × the delay. */
  jitter: number;
}

/** A growth exponent past which every policy is at its cap anyway (keeps factor ** n finite). */
const MAX_EXPONENT = 64;

/**
 * The delay before retry number `attempt` (1 = after the first failure): baseMs × factor^(attempt−1),
 * capped at maxMs, times a jitter factor in [1 − jitter, 1 + jitter]. `random` is in [0, 1); 0.5
 * gives the nominal delay.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number = Math.random()): number {
  const exponent = Math.max(0, Math.min(attempt - 1, MAX_EXPONENT));
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  const spread = 1 - policy.jitter + 2 * policy.jitter * Math.min(Math.max(random, 0), 1);
  return Math.max(0, Math.round(raw * spread));
}

/**
 * The one `Retry-After` reader (RFC 9110 §10.2.3), as milliseconds from `nowMs`: delta-seconds
 * (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`). A date in the past is 0; anything
 * else ("soon", "-5", "1.5") is null.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  if (!/[a-z]/i.test(text)) return null; // "1.5", "-3": not a delta-seconds and not a date
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Where jitter comes from: Math.random in the service; tests inject a fixed value to keep schedules exact. */
export abstract class Random {
  abstract next(): number;
}

export class MathRandom extends Random {
  next(): number {
    return Math.random();
  }
}
