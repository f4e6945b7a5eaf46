import { describe, expect, it } from '@jest/globals';
import { jitterOffsetMs } from './jitter.js';

const base = Date.parse('2026-01-05T14:00:00Z');

describe('jitterOffsetMs', () => {
  it('is deterministic: every replica computes the same delay', () => {
    const a = jitterOffsetMs('8d5f1a2e-job', base, 30);
    expect(jitterOffsetMs('8d5f1a2e-job', base, 30)).toBe(a);
    expect(Number.isInteger(a)).toBe(true);
  });

  it('stays in [0, jitterSeconds·1000) and is 0 without jitter', () => {
    for (let i = 0; i < 2000; i += 1) {
      const j = jitterOffsetMs(`job-${i % 37}`, base + i * 60_000, 10);
      expect(j).toBeGreaterThanOrEqual(0);
      expect(j).toBeLessThan(10_000);
    }
    expect(jitterOffsetMs('job', base, 0)).toBe(0);
  });

  it('spreads jobs firing at the same instant across the window', () => {
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) buckets[Math.floor(jitterOffsetMs(`job-${i}`, base, 10) / 1000)] += 1;
    // Uniform would be 1000 per bucket; a broken hash piles them up.
    for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('varies with the fire time for one job', () => {
    const values = new Set(Array.from({ length: 100 }, (_, i) => jitterOffsetMs('job', base + i * 900_000, 60)));
    expect(values.size).toBeGreaterThan(90);
  });
});
