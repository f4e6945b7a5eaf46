import { backoffDelay, parseRetryAfter, type BackoffPolicy } from '../../base/resilience/backoff.js';

/**
 * When a failed delivery is tried again (CONTRACT §5): exponential backoff from 1 s, doubling,
 * the base capped at 300 s, ±20 % jitter around it, and the endpoint's Retry-After when that asks
 * for longer. 20 attempts then span about an hour (1+2+…+256 s, then 300 s ten times ≈ 58 min),
 * so a half-hour outage loses nothing.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 300_000;
export const BACKOFF_JITTER = 0.2;
/** A Retry-After asking for more than this is held to it: one odd answer must not park a notification for days. */
export const RETRY_AFTER_CAP_MS = 3_600_000;

/** §5's numbers for the one backoff policy (base/resilience/backoff.ts). */
export const DELIVERY_BACKOFF: BackoffPolicy = {
  baseMs: BACKOFF_BASE_MS,
  maxMs: BACKOFF_CAP_MS,
  factor: 2,
  jitter: BACKOFF_JITTER,
};

/**
 * The delay after the `failedAttempts`-th failed attempt (1 → about 1 s, 2 → about 2 s, …).
 * `random` is in [0, 1); 0.5 gives the nominal delay. Jitter spreads the retries of a burst of
 * notifications that failed together, so a recovering endpoint is not hit by all of them at once.
 */
export function backoffDelayMs(failedAttempts: number, random: number = Math.random()): number {
  return backoffDelay(failedAttempts, DELIVERY_BACKOFF, random);
}

export { parseRetryAfter };

/** The delay before the next attempt: the backoff, or the endpoint's Retry-After when larger. */
export function retryDelayMs(
  failedAttempts: number,
  retryAfterMs: number | null,
  random: number = Math.random(),
): number {
  const backoff = backoffDelayMs(failedAttempts, random);
  if (retryAfterMs === null) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, RETRY_AFTER_CAP_MS));
}
