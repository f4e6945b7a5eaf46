import { backoffDelayMs, parseRetryAfter, retryDelayMs, RETRY_AFTER_CAP_MS } from './backoff.js';

const NOW = Date.parse('2026-01-05T14:00:00.000Z');

describe('notification backoff', () => {
  it('starts at 1 s and doubles, the base capped at 300 s (random 0.5 = no jitter)', () => {
    const delays = [1, 2, 3, 4, 9, 10, 11, 20, 1000].map((n) => backoffDelayMs(n, 0.5));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 256_000, 300_000, 300_000, 300_000, 300_000]);
  });

  it('jitters by at most ±20 % around the base', () => {
    expect(backoffDelayMs(1, 0)).toBe(800);
    expect(backoffDelayMs(1, 0.999999)).toBe(1200);
    expect(backoffDelayMs(10, 0)).toBe(240_000);
    expect(backoffDelayMs(10, 1)).toBe(360_000);
    for (let i = 0; i < 1000; i++) {
      const d = backoffDelayMs(3);
      expect(d >= 3200 && d <= 4800).toBe(true);
    }
  });

  it('spans about an hour over 20 attempts, so a half-hour outage loses nothing', () => {
    let total = 0;
    for (let failed = 1; failed < 20; failed++) total += backoffDelayMs(failed, 0.5);
    expect(total / 60_000).toBeGreaterThan(55);
    expect(total / 60_000).toBeLessThan(65);
  });

  it('reads Retry-After as delta-seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('Mon, 05 Jan 2026 14:02:30 GMT', NOW)).toBe(150_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 13:00:00 GMT', NOW)).toBe(0);
    for (const bad of [undefined, null, '', 'soon', '-5', '1.5']) expect(parseRetryAfter(bad, NOW)).toBeNull();
  });

  it('waits for Retry-After when it asks for longer than the backoff, held to one hour', () => {
    expect(retryDelayMs(1, 30_000, 0.5)).toBe(30_000);
    expect(retryDelayMs(10, 30_000, 0.5)).toBe(300_000);
    expect(retryDelayMs(1, null, 0.5)).toBe(1000);
    expect(retryDelayMs(1, 10 * 86_400_000, 0.5)).toBe(RETRY_AFTER_CAP_MS);
  });
});
