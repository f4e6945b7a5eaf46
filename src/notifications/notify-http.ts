import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter } from '../base/resilience/backoff.js';
import type { AttemptResult } from './core/delivery-policy.js';

/** What is kept of an answer: enough to see why the endpoint refused, never an unbounded body in the database. */
export const MAX_RESPONSE_CHARS = 2000;

export interface NotifyRequest {
  url: string;
  idempotencyKey: string;
  /** The JSON text of the §5 body. */
  body: string;
  timeoutMs: number;
  /** More headers (the signature's); the same on every attempt of one notification. */
  headers?: Record<string, string>;
  /** "Now" for an HTTP-date Retry-After. */
  nowMs: () => number;
}

/**
 * Keep-alive pools, one per scheme, with room for every delivery in flight. node:http rather than
 * the global fetch: on Node 20 fetch managed ~1,650 POSTs/s to a local endpoint on our 2-core
 * machine against ~4,400/s here (bench/notifications.bench.mjs), and the outbox must keep up
 * with a bar close that triggers 100,000 alerts.
 */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 10_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 10_000 }),
};

/**
 * One POST to NOTIFY_URL, the whole exchange (connect, send, answer) bounded by `timeoutMs`.
 * Never rejects: a timeout, a refused connection or a reset is an AttemptResult with a null
 * status, which the delivery policy retries.
 */
export function postNotification(req: NotifyRequest): Promise<AttemptResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: AttemptResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    const signal = AbortSignal.timeout(req.timeoutMs);
    const failed = (e: Error) =>
      done({ status: null, detail: networkError(e, signal, req.timeoutMs), retryAfterMs: null });
    const url = new URL(req.url);
    const body = Buffer.from(req.body, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        agent: AGENTS[url.protocol as keyof typeof AGENTS],
        signal,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'Idempotency-Key': req.idempotencyKey,
          ...req.headers,
        },
      },
      (res) => {
        res.on('error', failed);
        readCapped(res, MAX_RESPONSE_CHARS, (detail) =>
          done({
            status: res.statusCode ?? null,
            detail,
            retryAfterMs: parseRetryAfter(header(res.headers['retry-after']), req.nowMs()),
          }),
        );
      },
    );
    outgoing.on('error', failed);
    outgoing.end(body);
  });
}

function header(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function networkError(e: Error & { code?: string }, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `timeout after ${Math.round(timeoutMs / 1000)} s`;
  return e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message;
}

/** Keeps at most `max` characters of the answer and discards the rest, so a huge body cannot fill memory. */
function readCapped(res: http.IncomingMessage, max: number, onEnd: (text: string) => void): void {
  let text = '';
  let truncated = false;
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    if (text.length <= max) text += chunk;
    truncated ||= text.length > max;
  });
  res.on('end', () => onEnd(truncated ? `${text.slice(0, max - 1)}…` : text.trim()));
}
