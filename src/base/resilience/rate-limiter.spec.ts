import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../time/clock.js';
import { RateLimiter } from './rate-limiter.js';
import type { Sleep } from './sleep.js';

describe('RateLimiter (token bucket on a ManualClock)', () => {
  it('lets a full bucket burst, then reports the exact refill delay', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokens: 5, intervalMs: 60_000 }, clock);
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire()).toBe(0);
    expect(limiter.tryAcquire()).toBe(12_000); // one token per 12 s at 5/min
    clock.advance(6_000);
    expect(limiter.delayFor()).toBe(6_000);
    clock.advance(6_000);
    expect(limiter.tryAcquire()).toBe(0);
    expect(limiter.tryAcquire()).toBe(12_000);
  });

  it('never refills above capacity', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ tokens: 2, intervalMs: 1_000 }, clock);
    clock.advance(3_600_000);
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([0, 0, 500]);
  });

  it('acquire waits through the injected sleep for as long as needed', async () => {
    const clock = new ManualClock();
    const slept: number[] = [];
    const sleep: Sleep = async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    };
    const limiter = new RateLimiter([{ tokens: 2, intervalMs: 1_000 }], clock, sleep);
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await limiter.acquire());
    expect(waits).toEqual([0, 0, 500, 500, 500, 500]); // 2 req/s after the burst
    expect(slept).toEqual([500, 500, 500, 500]);
  });

  it('with several buckets every one must allow the call (Alpha Vantage 5/min and 25/day)', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(
      [
        { tokens: 5, intervalMs: 60_000 },
        { tokens: 25, intervalMs: 24 * 60 * 60_000 },
      ],
      clock,
    );
    let served = 0;
    for (let minute = 0; minute < 10; minute++, clock.advance(60_000)) {
      while (limiter.tryAcquire() === 0) served++;
    }
    expect(served).toBeLessThanOrEqual(26); // the daily bucket, not the minute one, caps it
    expect(limiter.delayFor()).toBeGreaterThan(60_000);
  });

  it('an empty limit list is unlimited (csv); a cost above capacity is an error', () => {
    const limiter = new RateLimiter([], new ManualClock());
    for (let i = 0; i < 1000; i++) expect(limiter.tryAcquire()).toBe(0);
    expect(() => new RateLimiter({ tokens: 2, intervalMs: 1000 }, new ManualClock()).tryAcquire(3)).toThrow(RangeError);
  });
});
