import { retryDelayMs } from './backoff.js';

/** What one POST to NOTIFY_URL came to. `status` is null when no HTTP answer arrived (timeout, refused, reset). */
export interface AttemptResult {
  status: number | null;
  /** The answer's body, already truncated; or the network error's text. */
  detail: string;
  /** Retry-After in ms from the moment of the answer, when the endpoint sent one. */
  retryAfterMs: number | null;
}

export type Verdict =
  { kind: 'sent' } | { kind: 'dead'; reason: string } | { kind: 'retry'; delayMs: number; reason: string };

/** Whether an answer means "try again later": any failure except a 4xx that says the request itself is wrong. */
export function isRetryable(status: number | null): boolean {
  if (status === null) return true;
  if (status >= 200 && status < 300) return false;
  if (status === 408 || status === 429) return true;
  return !(status >= 400 && status < 500);
}

/** `HTTP 503: upstream down` or the network error; used as last_error and in logs. */
export function describeAttempt(result: AttemptResult): string {
  if (result.status === null) return result.detail || 'request failed';
  return result.detail ? `HTTP ${result.status}: ${result.detail}` : `HTTP ${result.status}`;
}

/**
 * CONTRACT §5: 2xx is delivered; a 4xx other than 408/429 is dead at once (retrying the same body
 * cannot help); anything else is retried with backoff until `maxAttempts` attempts have been made.
 * `attempts` counts the attempt just made.
 */
export function decide(
  result: AttemptResult,
  attempts: number,
  maxAttempts: number,
  random: number = Math.random(),
): Verdict {
  if (result.status !== null && result.status >= 200 && result.status < 300) return { kind: 'sent' };
  const reason = describeAttempt(result);
  if (!isRetryable(result.status)) return { kind: 'dead', reason };
  if (attempts >= maxAttempts) return { kind: 'dead', reason: `${reason} (gave up after ${attempts} attempts)` };
  return { kind: 'retry', delayMs: retryDelayMs(attempts, result.retryAfterMs, random), reason };
}

/** What one attempt leaves in the outbox row. */
export interface DeliveryOutcome {
  id: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  sentAt: Date | null;
  /** An `alert.digest` delivery: its outcome is also its items'. */
  digest?: boolean;
}

/** The row's next state after attempt number `attempts` of it, at `nowMs`. */
export function toOutcome(
  id: string,
  result: AttemptResult,
  verdict: Verdict,
  attempts: number,
  nowMs: number,
): DeliveryOutcome {
  const now = new Date(nowMs);
  const base = {
    id,
    attempts,
    lastStatusCode: result.status,
    lastResponse: result.status === null ? null : result.detail || null,
  };
  if (verdict.kind === 'sent') return { ...base, status: 'sent', nextAttemptAt: now, lastError: null, sentAt: now };
  if (verdict.kind === 'dead')
    return { ...base, status: 'dead', nextAttemptAt: now, lastError: verdict.reason, sentAt: null };
  return {
    ...base,
    status: 'pending',
    nextAttemptAt: new Date(nowMs + verdict.delayMs),
    lastError: verdict.reason,
    sentAt: null,
  };
}
