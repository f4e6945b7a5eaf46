import { parseRetryAfter } from './core/backoff.js';
import type { AttemptResult } from './core/delivery-policy.js';

/** What is kept of an answer: enough to see why the endpoint refused, never an unbounded body in the database. */
export const MAX_RESPONSE_CHARS = 2000;

export interface NotifyRequest {
  url: string;
  idempotencyKey: string;
  /** The JSON text of the §5 body. */
  body: string;
  timeoutMs: number;
  /** "Now" for an HTTP-date Retry-After. */
  nowMs: () => number;
}

/**
 * One POST to NOTIFY_URL (Node's fetch: pooled keep-alive connections). Never throws: a timeout,
 * a refused connection or a reset is an AttemptResult with a null status, which the delivery
 * policy retries.
 */
export async function postNotification(req: NotifyRequest): Promise<AttemptResult> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': req.idempotencyKey },
      body: req.body,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'manual', // a redirect is an answer to retry, not a second POST somewhere else
    });
  } catch (e) {
    return { status: null, detail: networkError(e, req.timeoutMs), retryAfterMs: null };
  }
  const detail = await readCapped(res, MAX_RESPONSE_CHARS).catch(() => '');
  return { status: res.status, detail, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), req.nowMs()) };
}

function networkError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timeout after ${Math.round(timeoutMs / 1000)} s`;
  const cause = err?.cause;
  if (cause?.message) return cause.code && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
  return err?.message ?? String(e);
}

/** Reads at most `max` characters of the answer and drops the rest, so a huge body cannot fill memory. */
async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > max) {
      await reader.cancel().catch(() => undefined);
      return `${text.slice(0, max - 1)}…`;
    }
  }
  return (text + decoder.decode()).trim();
}
