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

/**
 * The delay after the `failedAttempts`-th failed attempt (1 → about 1 s, 2 → about 2 s, …).
 * `random` is in [0, 1); 0.5 gives the nominal delay. Jitter spreads the retries of a burst of
 * notifications that failed together, so a recovering endpoint is not hit by all of them at once.
 */
export function backoffDelayMs(failedAttempts: number, random: number = Math.random()): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30)); // 2^30 s is far past the cap; avoids overflow
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const factor = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * Math.min(Math.max(random, 0), 1);
  return Math.round(base * factor);
}

/**
 * `Retry-After` as milliseconds from `nowMs`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). A date in the past is 0; anything unreadable is null.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  if (!/[a-z]/i.test(text)) return null; // "1.5", "-3": not a delta-seconds and not a date
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

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
