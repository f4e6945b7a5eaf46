import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../../base/time/clock.js';
import { ProviderError } from './provider-error.js';
import { VendorCircuitBreaker } from './vendor-circuit-breaker.js';

const fail =
  (code: ProviderError['code'] = 'transient') =>
  () =>
    Promise.reject(new ProviderError(code, 'v', 'boom'));
const ok = () => Promise.resolve('ok');

describe('VendorCircuitBreaker', () => {
  it('opens after N consecutive failures and then refuses without calling', async () => {
    const clock = new ManualClock();
    const breaker = new VendorCircuitBreaker('v', clock, { failureThreshold: 3, cooldownMs: 30_000 });
    for (let i = 0; i < 3; i++) await expect(breaker.execute(fail())).rejects.toMatchObject({ code: 'transient' });
    expect(breaker.state).toBe('open');
    let called = false;
    await expect(
      breaker.execute(async () => {
        called = true;
      }),
    ).rejects.toMatchObject({ code: 'circuitOpen', retryAfterMs: 30_000 });
    expect(called).toBe(false);
    expect(breaker.snapshot()).toMatchObject({ state: 'open', consecutiveFailures: 3, retryAt: clock.now() + 30_000 });
  });

  it('half-opens after the cooldown, lets one probe through, and closes on its success', async () => {
    const clock = new ManualClock();
    const breaker = new VendorCircuitBreaker('v', clock, { failureThreshold: 1, cooldownMs: 10_000 });
    await breaker.execute(fail()).catch(() => undefined);
    clock.advance(9_999);
    expect(breaker.state).toBe('open');
    clock.advance(1);
    expect(breaker.state).toBe('halfOpen');
    let release!: () => void;
    const probe = breaker.execute(
      () =>
        new Promise<string>((r) => {
          release = () => r('ok');
        }),
    );
    expect(breaker.canRequest()).toBe(false); // only one probe at a time
    release();
    await expect(probe).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('a failed probe reopens for a whole new cooldown', async () => {
    const clock = new ManualClock();
    const breaker = new VendorCircuitBreaker('v', clock, { failureThreshold: 2, cooldownMs: 10_000 });
    await breaker.execute(fail()).catch(() => undefined);
    await breaker.execute(fail()).catch(() => undefined);
    clock.advance(10_000);
    await breaker.execute(fail()).catch(() => undefined);
    expect(breaker.state).toBe('open');
    clock.advance(10_000);
    expect(breaker.state).toBe('halfOpen');
  });

  it("does not count the caller's errors (notFound, unsupported) and resets on success", async () => {
    const breaker = new VendorCircuitBreaker('v', new ManualClock(), { failureThreshold: 2 });
    await breaker.execute(fail('notFound')).catch(() => undefined);
    await breaker.execute(fail('unsupported')).catch(() => undefined);
    await breaker.execute(fail()).catch(() => undefined);
    await breaker.execute(ok);
    await breaker.execute(fail()).catch(() => undefined);
    expect(breaker.state).toBe('closed');
  });
});
