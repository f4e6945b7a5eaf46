import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FireAgenda } from './fire-agenda.js';

describe('FireAgenda', () => {
  it('hands over every job due, grouped by instant, earliest first', () => {
    const a = new FireAgenda();
    a.set('c', 30);
    a.set('b', 10);
    a.set('a', 10);
    a.set('d', 40);
    expect(a.earliest()).toBe(10);
    expect(a.takeDue(30).map((d) => ({ at: d.at, jobIds: [...d.jobIds].sort() }))).toEqual([
      { at: 10, jobIds: ['a', 'b'] },
      { at: 30, jobIds: ['c'] },
    ]);
    expect(a.size).toBe(1);
    expect(a.takeDue(39)).toEqual([]);
    expect(a.earliest()).toBe(40);
  });

  it('keeps one instant per job: set moves it, remove deletes it, an emptied instant is skipped', () => {
    const a = new FireAgenda();
    a.set('a', 10);
    a.set('b', 20);
    a.set('a', 30);
    expect(a.size).toBe(2);
    expect(a.earliest()).toBe(20);
    expect(a.get('a')).toBe(30);
    expect(a.remove('b')).toBe(true);
    expect(a.remove('b')).toBe(false);
    expect(a.earliest()).toBe(30);
    expect(a.takeDue(100).map((d) => ({ at: d.at, jobIds: [...d.jobIds] }))).toEqual([{ at: 30, jobIds: ['a'] }]);
    expect(a.earliest()).toBeUndefined();
  });

  it('matches a map-of-instants model under random set / take / remove (property)', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        job: fc.integer({ min: 0, max: 30 }),
        at: fc.integer({ min: 0, max: 50 }),
      }),
      fc.record({ kind: fc.constant('take' as const), now: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('remove' as const), job: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const a = new FireAgenda();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            model.set(`j${o.job}`, o.at);
            a.set(`j${o.job}`, o.at);
          } else if (o.kind === 'remove') {
            expect(a.remove(`j${o.job}`)).toBe(model.delete(`j${o.job}`));
          } else {
            const expected = [...model]
              .filter(([, at]) => at <= o.now)
              .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
            const got = a
              .takeDue(o.now)
              .flatMap((d) => [...d.jobIds].sort().map((id) => [id, d.at] as [string, number]));
            expect(got).toEqual(expected);
            for (const [id] of expected) model.delete(id);
          }
          expect(a.size).toBe(model.size);
          const min = Math.min(...model.values());
          expect(a.earliest()).toBe(model.size ? min : undefined);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hands 10,000 jobs due at one instant over as one group', () => {
    const a = new FireAgenda();
    for (let i = 0; i < 10_000; i += 1) a.set(`job-${i}`, 1000);
    for (let i = 0; i < 10_000; i += 1) a.set(`late-${i}`, 2000 + (i % 7));
    const due = a.takeDue(1000);
    expect(due).toHaveLength(1);
    expect(due[0].jobIds.size).toBe(10_000);
    expect(a.size).toBe(10_000);
  });
});
