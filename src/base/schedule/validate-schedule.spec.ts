import { describe, expect, it } from '@jest/globals';
import { parseInstant, validateSchedule } from './validate-schedule.js';

const defaults = { timezone: 'UTC' };
const check = (spec: unknown): string[] => validateSchedule(spec, defaults);

describe('validateSchedule', () => {
  it('accepts every schedule kind with its options', () => {
    expect(check({ bar: '15m' })).toEqual([]);
    expect(check({ bar: '1d', delaySeconds: 0, calendar: 'XNYS', marketHoursOnly: true })).toEqual([]);
    expect(check({ cron: '*/5 9-16 * * 1-5', timezone: 'America/New_York', jitterSeconds: 30 })).toEqual([]);
    expect(check({ cron: '30 * * * * *' })).toEqual([]);
    expect(check({ every: 60, startAt: '2026-01-05T00:00:00Z', endAt: '2026-02-01T00:00:00.000Z' })).toEqual([]);
    expect(check({ at: '09:30', timezone: 'Europe/London', calendar: '24x7' })).toEqual([]);
    expect(check({ bar: '5m', marketHoursOnly: true })).toEqual([]); // defaults to XNYS
  });

  it('names the field and the problem for each kind', () => {
    expect(check({ cron: '61 * * * *' })).toEqual([
      'schedule.cron: "61 * * * *" is not a valid cron expression (minute 61 out of range)',
    ]);
    expect(check({ cron: '* * *' })).toEqual([
      'schedule.cron: "* * *" is not a valid cron expression (expected 5 or 6 space-separated fields, got 3)',
    ]);
    expect(check({ cron: '0 0 31 2 *' })).toEqual(['schedule.cron: "0 0 31 2 *" never fires']);
    expect(check({ cron: '0 * * * *', timezone: 'Mars/Base' })).toEqual([
      'schedule.timezone: "Mars/Base" is not an IANA time zone',
    ]);
    expect(check({ at: '9:30' })).toEqual(['schedule.at must be HH:MM (00:00–23:59), got "9:30"']);
    expect(check({ at: '24:00' })).toEqual(['schedule.at must be HH:MM (00:00–23:59), got "24:00"']);
    expect(check({ every: 0 })).toEqual(['schedule.every must be an integer ≥ 1 (seconds), got 0']);
    expect(check({ every: 1.5 })).toEqual(['schedule.every must be an integer ≥ 1 (seconds), got 1.5']);
    expect(check({ bar: '7m' })[0]).toMatch(/^schedule\.bar: "7m" is not a timeframe \(one of 1s, 1m, .*1w\)$/);
    expect(check({ bar: '1m', delaySeconds: 301 })).toEqual([
      'schedule.delaySeconds must be an integer 0…300, got 301',
    ]);
  });

  it('requires exactly one kind', () => {
    expect(check({})).toEqual(['schedule: exactly one of bar, cron, every, at is required']);
    expect(check({ bar: '1m', every: 60 })).toEqual([
      'schedule: exactly one of bar, cron, every, at is required (got bar, every)',
    ]);
    expect(check(null)).toEqual(['schedule must be an object']);
    expect(check([])).toEqual(['schedule must be an object']);
  });

  it('rejects unknown fields and fields of another kind', () => {
    expect(check({ bar: '1m', tz: 'UTC' })).toEqual(['schedule.tz is not allowed (unknown field)']);
    expect(check({ bar: '1m', timezone: 'UTC' })).toEqual(['schedule.timezone is only allowed with cron or at']);
    expect(check({ every: 5, delaySeconds: 2 })).toEqual(['schedule.delaySeconds is only allowed with bar']);
  });

  it('checks the common options', () => {
    expect(check({ every: 5, calendar: 'LSE' })).toEqual([
      'schedule.calendar must be one of XNYS, XNAS, 24x7, got "LSE"',
    ]);
    expect(check({ every: 5, marketHoursOnly: true, calendar: '24x7' })).toEqual([
      'schedule.marketHoursOnly needs calendar XNYS or XNAS (24x7 has no market hours; omit calendar for XNYS)',
    ]);
    expect(check({ every: 5, marketHoursOnly: 'yes' })).toEqual([
      'schedule.marketHoursOnly must be a boolean, got "yes"',
    ]);
    expect(check({ every: 5, jitterSeconds: -1 })).toEqual([
      'schedule.jitterSeconds must be an integer 0…3600, got -1',
    ]);
    expect(check({ every: 5, startAt: '2026-02-01T00:00:00Z', endAt: '2026-01-01T00:00:00Z' })).toEqual([
      'schedule.endAt must be after schedule.startAt',
    ]);
    expect(check({ every: 5, startAt: '2026-02-30T00:00:00Z' })).toEqual([
      'schedule.startAt must be an ISO-8601 date-time with Z or an offset, got "2026-02-30T00:00:00Z"',
    ]);
  });

  it('lists every problem at once, under a caller-given path', () => {
    expect(
      validateSchedule({ cron: '61 * * * *', timezone: 'Mars/Base', jitterSeconds: 'x' }, defaults, 'jobs[3].schedule'),
    ).toEqual([
      'jobs[3].schedule.timezone: "Mars/Base" is not an IANA time zone',
      'jobs[3].schedule.cron: "61 * * * *" is not a valid cron expression (minute 61 out of range)',
      'jobs[3].schedule.jitterSeconds must be an integer 0…3600, got "x"',
    ]);
  });
});

describe('parseInstant', () => {
  it('accepts Z and offsets, rejects local times and impossible dates', () => {
    expect(parseInstant('2026-01-05T14:00:00Z')).toBe(Date.parse('2026-01-05T14:00:00Z'));
    expect(parseInstant('2026-01-05T09:00:00-05:00')).toBe(Date.parse('2026-01-05T14:00:00Z'));
    expect(parseInstant('2026-01-05T14:00:00')).toBeNull();
    expect(parseInstant('2026-13-01T00:00:00Z')).toBeNull();
    expect(parseInstant(12)).toBeNull();
  });
});
