import { describe, expect, it } from '@jest/globals';
import { ProviderError } from './provider-error.js';
import { backoffDelay, withRetry } from './retry.js';

const transient = () => new ProviderError('transient', 'v', '500');

describe('withRetry', () => {
  it('backs off exponentially (no jitter) up to the cap', () => {
    const o = { baseDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1000]);
    const jittered = backoffDelay(1, { ...o, jitter: 0.2 }, () => 1);
    expect(jittered).toBe(120);
  });

  it('retries transient errors and succeeds, sleeping through the injected sleep', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw transient();
        return 'ok';
      },
      {
        sleep: async (ms) => {
          slept.push(ms);
        },
        jitter: 0,
        baseDelayMs: 100,
        maxAttempts: 3,
      },
    );
    expect(result).toBe('ok');
    expect(slept).toEqual([100, 200]);
  });

  it('honours Retry-After when it is short, and gives up at once when it is long', async () => {
    const slept: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw new ProviderError('rateLimited', 'v', '429', { retryAfterMs: 7_000 });
        return 'ok';
      },
      {
        sleep: async (ms) => {
          slept.push(ms);
        },
      },
    );
    expect(slept).toEqual([7_000]);
    calls = 0;
    const long = withRetry(
      async () => {
        calls++;
        throw new ProviderError('rateLimited', 'v', '429', { retryAfterMs: 60_000 });
      },
      { sleep: async () => undefined },
    );
    await expect(long).rejects.toMatchObject({ code: 'rateLimited', retryAfterMs: 60_000 });
    expect(calls).toBe(1);
  });

  it('does not retry notFound, invalidResponse or foreign errors, and stops after maxAttempts', async () => {
    for (const err of [
      new ProviderError('notFound', 'v', 'x'),
      new ProviderError('invalidResponse', 'v', 'x'),
      new TypeError('bug'),
    ]) {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls++;
            throw err;
          },
          { sleep: async () => undefined },
        ),
      ).rejects.toBe(err);
      expect(calls).toBe(1);
    }
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw transient();
        },
        { sleep: async () => undefined, maxAttempts: 4 },
      ),
    ).rejects.toMatchObject({ code: 'transient' });
    expect(calls).toBe(4);
  });
});
