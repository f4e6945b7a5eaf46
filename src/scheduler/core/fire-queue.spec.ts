import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FireQueue, type FireEntry } from './fire-queue.js';

const order = (a: FireEntry, b: FireEntry): number => a.at - b.at || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0);

describe('FireQueue', () => {
  it('pops earliest first, breaking ties by jobId', () => {
    const q = new FireQueue();
    q.push({ at: 30, jobId: 'c' });
    q.push({ at: 10, jobId: 'b' });
    q.push({ at: 10, jobId: 'a' });
    expect(q.peek()).toEqual({ at: 10, jobId: 'a' });
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([{ at: 10, jobId: 'a' }, { at: 10, jobId: 'b' }, { at: 30, jobId: 'c' }, undefined]);
  });

  it('keeps one entry per job: push reschedules, remove deletes', () => {
    const q = new FireQueue();
    q.push({ at: 10, jobId: 'a' });
    q.push({ at: 20, jobId: 'b' });
    q.push({ at: 30, jobId: 'a' });
    expect(q.size).toBe(2);
    expect(q.peek()?.jobId).toBe('b');
    expect(q.get('a')?.at).toBe(30);
    expect(q.remove('b')).toBe(true);
    expect(q.remove('b')).toBe(false);
    expect(q.has('b')).toBe(false);
    expect(q.pop()).toEqual({ at: 30, jobId: 'a' });
    expect(q.size).toBe(0);
  });

  it('matches a sorted-array model under random push / pop / remove (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), job: fc.integer({ min: 0, max: 30 }), at: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('remove' as const), job: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const q = new FireQueue();
      let model: FireEntry[] = [];
      for (const o of ops) {
        if (o.kind === 'push') {
          model = model.filter((e) => e.jobId !== `j${o.job}`).concat({ at: o.at, jobId: `j${o.job}` }).sort(order);
          q.push({ at: o.at, jobId: `j${o.job}` });
        } else if (o.kind === 'pop') {
          expect(q.pop()).toEqual(model.shift());
        } else {
          expect(q.remove(`j${o.job}`)).toBe(model.some((e) => e.jobId === `j${o.job}`));
          model = model.filter((e) => e.jobId !== `j${o.job}`);
        }
        expect(q.size).toBe(model.length);
        expect(q.peek()).toEqual(model[0]);
      }
    }), { numRuns: 300 });
  });

  it('handles 10,000 schedules with one earliest entry to arm a timer for', () => {
    const q = new FireQueue();
    for (let i = 0; i < 10_000; i += 1) q.push({ at: (i * 7919) % 10_007, jobId: `job-${i}` });
    for (let i = 0; i < 10_000; i += 2) q.remove(`job-${i}`);
    let last = -Infinity;
    while (q.size > 0) {
      const e = q.pop() as FireEntry;
      expect(e.at).toBeGreaterThanOrEqual(last);
      last = e.at;
    }
  });
});
