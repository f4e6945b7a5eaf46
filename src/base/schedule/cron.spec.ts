import { describe, expect, it } from '@jest/globals';
import { Cron } from 'croner';
import { cronProblem, nextCronFire } from './cron.js';

const NY = 'America/New_York';
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function runs(pattern: string, tz: string, from: string, n: number): (string | null)[] {
  const out: (string | null)[] = [];
  let after = Date.parse(from);
  for (let i = 0; i < n; i += 1) {
    const t = nextCronFire(pattern, tz, after);
    out.push(iso(t));
    if (t === null) break;
    after = t;
  }
  return out;
}

describe('nextCronFire: DST by CONTRACT §3', () => {
  it('runs a fixed time skipped by spring-forward once, at 03:00 EDT (07:00Z)', () => {
    expect(runs('30 2 * * *', NY, '2026-03-07T12:00:00Z', 3)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-10T06:30:00.000Z',
    ]);
  });

  it('coalesces every skipped time of an interval pattern into one run at the end of the gap', () => {
    // croner alone skips 02:00–02:45 entirely on 2026-03-08 (Vixie cron); the contract runs it once.
    expect(runs('*/15 2 * * *', NY, '2026-03-07T12:00:00Z', 6)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:00:00.000Z',
      '2026-03-09T06:15:00.000Z',
      '2026-03-09T06:30:00.000Z',
      '2026-03-09T06:45:00.000Z',
      '2026-03-10T06:00:00.000Z',
    ]);
    expect(runs('30 1,2 * * *', NY, '2026-03-07T12:00:00Z', 3)).toEqual([
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T05:30:00.000Z',
    ]);
  });

  it('keeps an hourly cron hourly through spring-forward without a duplicate at 03:00', () => {
    expect(runs('0 * * * *', NY, '2026-03-08T05:30:00Z', 3)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
    ]);
  });

  it('runs a repeated fall-back time once, at its first (EDT) occurrence', () => {
    expect(runs('30 1 * * *', NY, '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
    // Asked from inside the second (EST) pass, the 01:30 already ran: next is tomorrow.
    expect(runs('30 1 * * *', NY, '2026-11-01T06:00:00Z', 1)).toEqual(['2026-11-02T06:30:00.000Z']);
  });

  it('does not repeat an interval pattern in the repeated hour (croner runs it twice)', () => {
    expect(runs('*/30 1 * * *', NY, '2026-10-31T12:00:00Z', 3)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:00:00.000Z',
    ]);
    expect(runs('0 * * * *', NY, '2026-11-01T04:30:00Z', 3)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T08:00:00.000Z',
    ]);
  });

  it('skips the repeated hour quickly for a per-second cron asked from its second pass', () => {
    expect(runs('* * * * * *', NY, '2026-11-01T06:10:00Z', 1)).toEqual(['2026-11-01T07:00:00.000Z']);
  });

  it('applies the same rules in Europe/London', () => {
    expect(runs('30 1 * * *', 'Europe/London', '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(runs('30 1 * * *', 'Europe/London', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('reads a 6-field pattern with seconds first', () => {
    expect(runs('15,45 * * * * *', 'UTC', '2026-01-05T14:00:00Z', 3)).toEqual([
      '2026-01-05T14:00:15.000Z',
      '2026-01-05T14:00:45.000Z',
      '2026-01-05T14:01:15.000Z',
    ]);
    expect(runs('*/10 30 9 * * 1-5', NY, '2026-01-09T14:30:55Z', 2)).toEqual([
      '2026-01-12T14:30:00.000Z',
      '2026-01-12T14:30:10.000Z',
    ]);
  });

  it('returns null for a pattern that can never match', () => {
    expect(nextCronFire('0 0 31 2 *', 'UTC', Date.parse('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('explains invalid patterns by field and the user text', () => {
    expect(cronProblem('61 * * * *')).toBe('minute 61 out of range');
    expect(cronProblem('0 61 * * * *')).toBe('minute 61 out of range');
    expect(cronProblem('* * 32 * *')).toBe('day of month 32 out of range');
    expect(cronProblem('* * * *')).toBe('expected 5 or 6 space-separated fields, got 4');
    expect(cronProblem('* * * * * * *')).toBe('expected 5 or 6 space-separated fields, got 7');
    expect(cronProblem('@daily')).toBe('expected 5 or 6 space-separated fields, got 1');
    expect(cronProblem('0 9 * * MON-FRI')).toBeNull();
  });
});

/** Pins what croner 11.0.0 does by itself, so an upgrade that changes it is noticed. */
describe('croner 11 native zone mode (characterization, not used for scheduling)', () => {
  const native = (p: string, from: string, n: number): string[] => {
    const cron = new Cron(p, { timezone: NY });
    return cron.nextRuns(n, new Date(from)).map((d) => d.toISOString());
  };
  it('skips interval times in the gap and repeats them on fall-back', () => {
    expect(native('*/15 2 * * *', '2026-03-07T12:00:00Z', 1)).toEqual(['2026-03-09T06:00:00.000Z']);
    expect(native('*/30 1 * * *', '2026-10-31T12:00:00Z', 4)).toEqual([
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
  });
  it('already handles fixed-time patterns as the contract wants', () => {
    expect(native('30 2 * * *', '2026-03-07T12:00:00Z', 1)).toEqual(['2026-03-08T07:00:00.000Z']);
    expect(native('30 1 * * *', '2026-10-31T12:00:00Z', 2)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });
});
