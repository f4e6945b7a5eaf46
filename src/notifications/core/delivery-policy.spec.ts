import { decide, describeAttempt, isRetryable, toOutcome, type AttemptResult } from './delivery-policy.js';

const answer = (status: number | null, detail = '', retryAfterMs: number | null = null): AttemptResult => ({
  status,
  detail,
  retryAfterMs,
});

describe('notification delivery policy (CONTRACT §5)', () => {
  it('treats any 2xx as delivered', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(decide(answer(s), 1, 20)).toEqual({ kind: 'sent' });
  });

  it('gives up at once on a 4xx other than 408/429, keeping the answer', () => {
    expect(decide(answer(400, '{"error":"bad chat"}'), 1, 20)).toEqual({
      kind: 'dead',
      reason: 'HTTP 400: {"error":"bad chat"}',
    });
    for (const s of [401, 403, 404, 410, 413, 422]) expect(decide(answer(s), 1, 20).kind).toBe('dead');
  });

  it('retries 5xx, 408, 429, 3xx and network failures with backoff', () => {
    for (const s of [500, 502, 503, 504, 408, 429, 301, null]) expect(isRetryable(s)).toBe(true);
    expect(decide(answer(null, 'connect ECONNREFUSED 127.0.0.1:9'), 1, 20, 0.5)).toEqual({
      kind: 'retry',
      delayMs: 1000,
      reason: 'connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(decide(answer(503), 3, 20, 0.5)).toEqual({ kind: 'retry', delayMs: 4000, reason: 'HTTP 503' });
  });

  it('honors a 429 Retry-After longer than the backoff', () => {
    expect(decide(answer(429, 'slow down', 120_000), 1, 20, 0.5)).toEqual({
      kind: 'retry',
      delayMs: 120_000,
      reason: 'HTTP 429: slow down',
    });
  });

  it('is dead after the last allowed attempt fails, saying so', () => {
    const verdict = decide(answer(500, 'boom'), 20, 20);
    expect(verdict).toEqual({ kind: 'dead', reason: 'HTTP 500: boom (gave up after 20 attempts)' });
    expect(decide(answer(500), 19, 20).kind).toBe('retry');
  });

  it('describes attempts for last_error', () => {
    expect(describeAttempt(answer(null, 'timeout after 10 s'))).toBe('timeout after 10 s');
    expect(describeAttempt(answer(null))).toBe('request failed');
    expect(describeAttempt(answer(502))).toBe('HTTP 502');
  });
});

describe('toOutcome', () => {
  const now = Date.parse('2026-01-05T14:00:00.000Z');
  it('stamps sent, schedules a retry, and keeps the answer of a dead one', () => {
    expect(toOutcome('a', answer(204, ''), { kind: 'sent' }, 2, now)).toEqual({
      id: 'a',
      status: 'sent',
      attempts: 2,
      nextAttemptAt: new Date(now),
      lastError: null,
      lastStatusCode: 204,
      lastResponse: null,
      sentAt: new Date(now),
    });
    expect(
      toOutcome(
        'a',
        answer(null, 'timeout after 10 s'),
        { kind: 'retry', delayMs: 4000, reason: 'timeout after 10 s' },
        3,
        now,
      ),
    ).toMatchObject({
      status: 'pending',
      nextAttemptAt: new Date(now + 4000),
      lastError: 'timeout after 10 s',
      lastStatusCode: null,
      lastResponse: null,
    });
    expect(toOutcome('a', answer(400, 'no chat'), { kind: 'dead', reason: 'HTTP 400: no chat' }, 1, now)).toMatchObject(
      {
        status: 'dead',
        lastError: 'HTTP 400: no chat',
        lastStatusCode: 400,
        lastResponse: 'no chat',
        sentAt: null,
      },
    );
  });
});
