import { describe, expect, it } from '@jest/globals';
import { SingleFlight } from './singleflight.js';

describe('SingleFlight', () => {
  it('shares one call among concurrent callers of a key, and forgets it once settled', async () => {
    const flight = new SingleFlight<number>();
    let calls = 0;
    let release!: (n: number) => void;
    const fn = () => {
      calls++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    const waiting = Array.from({ length: 10 }, () => flight.do('k', fn));
    const other = flight.do('other', async () => 7);
    await Promise.resolve();
    release(42);
    expect(await Promise.all(waiting)).toEqual(Array(10).fill(42));
    expect(await other).toBe(7);
    expect(calls).toBe(1);
    expect(flight.size).toBe(0);
    await flight.do('k', async () => {
      calls++;
      return 1;
    });
    expect(calls).toBe(2);
  });

  it('shares a rejection too, then lets the next call try again', async () => {
    const flight = new SingleFlight<number>();
    const boom = new Error('boom');
    const a = flight.do('k', async () => {
      throw boom;
    });
    const b = flight.do('k', async () => 1);
    await expect(a).rejects.toBe(boom);
    await expect(b).rejects.toBe(boom);
    await expect(flight.do('k', async () => 2)).resolves.toBe(2);
  });
});
