import { describe, expect, it } from '@jest/globals';
import { fireTimesBetween, nextFireTime, nextRuns } from './next-fire.js';
import { everyAnchor, type ScheduleContext, type ScheduleSpec } from './schedule-spec.js';

const ctx: ScheduleContext = { anchorMs: Date.parse('2026-01-05T00:00:00Z'), defaultTimezone: 'UTC' };
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const next = (spec: ScheduleSpec, after: string, c = ctx): string | null =>
  iso(nextFireTime(spec, Date.parse(after), c));
const between = (spec: ScheduleSpec, from: string, to: string, limit = 100, c = ctx): string[] =>
  fireTimesBetween(spec, Date.parse(from), Date.parse(to), c, limit).map((t) => iso(t) as string);

describe('bar schedules', () => {
  it('fire at each UTC bar close plus the default 2 s settle delay, strictly after', () => {
    const spec: ScheduleSpec = { bar: '15m' };
    expect(next(spec, '2026-01-05T14:00:00Z')).toBe('2026-01-05T14:00:02.000Z');
    expect(next(spec, '2026-01-05T14:00:02Z')).toBe('2026-01-05T14:15:02.000Z');
    expect(next(spec, '2026-01-05T14:15:01.999Z')).toBe('2026-01-05T14:15:02.000Z');
    expect(next(spec, '2026-01-05T14:15:02Z')).toBe('2026-01-05T14:30:02.000Z');
  });

  it('close 1d at 00:00 UTC and 1w on Monday 00:00 UTC without a calendar', () => {
    expect(next({ bar: '1d', delaySeconds: 0 }, '2026-01-05T10:00:00Z')).toBe('2026-01-06T00:00:00.000Z');
    expect(next({ bar: '1w', delaySeconds: 5 }, '2026-01-05T10:00:00Z')).toBe('2026-01-12T00:00:05.000Z');
  });

  it('with calendar XNYS, close 1d at each session close and 1w at the week’s last session', () => {
    expect(between({ bar: '1d', calendar: 'XNYS' }, '2026-11-25T12:00:00Z', '2026-11-30T23:00:00Z')).toEqual([
      '2026-11-25T21:00:02.000Z',
      '2026-11-27T18:00:02.000Z',
      '2026-11-30T21:00:02.000Z',
    ]);
    expect(between({ bar: '1w', calendar: 'XNAS' }, '2026-03-30T00:00:00Z', '2026-04-11T00:00:00Z')).toEqual([
      '2026-04-02T20:00:02.000Z',
      '2026-04-10T20:00:02.000Z', // Good Friday: the week ends Thursday
    ]);
  });
});

describe('marketHoursOnly bar 15m (XNYS by default)', () => {
  const spec: ScheduleSpec = { bar: '15m', marketHoursOnly: true };

  it('fires 26 times in a regular session: first close 09:45, last 16:00 inclusive', () => {
    const day = between(spec, '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z');
    expect(day).toHaveLength(26);
    expect([day[0], day[25]]).toEqual(['2026-01-05T14:45:02.000Z', '2026-01-05T21:00:02.000Z']);
  });

  it('jumps from Friday’s close over the weekend to Monday 09:45', () => {
    expect(between(spec, '2026-01-09T20:50:00Z', '2026-01-12T15:00:00Z')).toEqual([
      '2026-01-09T21:00:02.000Z',
      '2026-01-12T14:45:02.000Z',
    ]);
  });

  it('skips a holiday (MLK Day 2026-01-19)', () => {
    expect(next(spec, '2026-01-16T21:00:02Z')).toBe('2026-01-20T14:45:02.000Z');
  });

  it('stops at 13:00 on an early close and skips Thanksgiving', () => {
    expect(next(spec, '2026-11-25T21:00:02Z')).toBe('2026-11-27T14:45:02.000Z');
    expect(between(spec, '2026-11-27T17:40:00Z', '2026-11-30T14:50:00Z')).toEqual([
      '2026-11-27T17:45:02.000Z',
      '2026-11-27T18:00:02.000Z',
      '2026-11-30T14:45:02.000Z',
    ]);
  });

  it('follows the session through DST (09:45 EDT = 13:45Z)', () => {
    expect(next(spec, '2026-03-06T21:00:02Z')).toBe('2026-03-09T13:45:02.000Z');
  });

  it('is unfiltered on 24x7', () => {
    expect(next({ bar: '15m', calendar: '24x7' }, '2026-01-10T12:00:02Z')).toBe('2026-01-10T12:15:02.000Z');
  });
});

describe('marketHoursOnly for cron and every: [open, close)', () => {
  it('cron */30 includes 09:30 and excludes 16:00', () => {
    const spec: ScheduleSpec = {
      cron: '*/30 * * * *',
      timezone: 'America/New_York',
      marketHoursOnly: true,
      calendar: 'XNYS',
    };
    expect(between(spec, '2026-01-09T20:20:00Z', '2026-01-12T15:00:00Z')).toEqual([
      '2026-01-09T20:30:00.000Z',
      '2026-01-12T14:30:00.000Z',
      '2026-01-12T15:00:00.000Z',
    ]);
  });

  it('every hour skips to the first anchored tick after Monday’s open', () => {
    expect(next({ every: 3600, marketHoursOnly: true }, '2026-01-09T20:00:00Z')).toBe('2026-01-12T15:00:00.000Z');
  });

  it('gives up (null) for a schedule that never meets a session', () => {
    expect(
      nextFireTime({ cron: '0 3 * * *', marketHoursOnly: true }, Date.parse('2026-01-01T00:00:00Z'), ctx),
    ).toBeNull();
  });
});

describe('every', () => {
  it('is anchored: anchor + k·every, with the anchor itself the first time', () => {
    const spec: ScheduleSpec = { every: 90 };
    const c = { ...ctx, anchorMs: Date.parse('2026-01-05T14:00:00Z') };
    expect(next(spec, '2026-01-05T13:00:00Z', c)).toBe('2026-01-05T14:00:00.000Z');
    expect(next(spec, '2026-01-05T14:00:00Z', c)).toBe('2026-01-05T14:01:30.000Z');
    expect(next(spec, '2026-01-05T14:02:00Z', c)).toBe('2026-01-05T14:03:00.000Z');
    expect(next(spec, '2026-01-05T14:03:00Z', c)).toBe('2026-01-05T14:04:30.000Z');
  });

  it('anchors on startAt when given, else on creation time', () => {
    const spec: ScheduleSpec = { every: 60, startAt: '2026-01-05T10:00:30Z' };
    const c = { ...ctx, anchorMs: everyAnchor(spec, Date.parse('2026-01-01T00:00:07Z')) };
    expect(between(spec, '2026-01-01T00:00:00Z', '2026-01-05T10:02:00Z', 10, c)).toEqual([
      '2026-01-05T10:00:30.000Z',
      '2026-01-05T10:01:30.000Z',
    ]);
    expect(everyAnchor({ every: 60 }, 7)).toBe(7);
  });
});

describe('at', () => {
  it('fires daily at the local time, in SCHEDULER_TIMEZONE by default', () => {
    expect(
      between({ at: '09:30', timezone: 'America/New_York' }, '2026-01-05T12:00:00Z', '2026-01-07T00:00:00Z'),
    ).toEqual(['2026-01-05T14:30:00.000Z', '2026-01-06T14:30:00.000Z']);
    expect(next({ at: '09:30' }, '2026-01-05T12:00:00Z')).toBe('2026-01-06T09:30:00.000Z');
  });

  it('runs a time skipped by spring-forward once at 03:00 local, a repeated one once (EDT)', () => {
    const ny = 'America/New_York';
    expect(between({ at: '02:30', timezone: ny }, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
    expect(between({ at: '01:30', timezone: ny }, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('does the same in Europe/London', () => {
    expect(between({ at: '01:30', timezone: 'Europe/London' }, '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual(
      ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    );
  });
});

describe('cron', () => {
  it('runs in its own timezone, else SCHEDULER_TIMEZONE', () => {
    expect(next({ cron: '0 9 * * 1-5', timezone: 'America/New_York' }, '2026-01-09T15:00:00Z')).toBe(
      '2026-01-12T14:00:00.000Z',
    );
    expect(next({ cron: '0 9 * * 1-5' }, '2026-01-09T15:00:00Z', { ...ctx, defaultTimezone: 'Europe/London' })).toBe(
      '2026-01-12T09:00:00.000Z',
    );
  });

  it('supports 6-field seconds', () => {
    expect(between({ cron: '*/20 * * * * *' }, '2026-01-05T14:00:00Z', '2026-01-05T14:01:00Z')).toEqual([
      '2026-01-05T14:00:20.000Z',
      '2026-01-05T14:00:40.000Z',
      '2026-01-05T14:01:00.000Z',
    ]);
  });
});

describe('startAt / endAt', () => {
  const spec: ScheduleSpec = { cron: '0 * * * *', startAt: '2026-01-05T10:00:00Z', endAt: '2026-01-05T12:00:00Z' };

  it('are inclusive bounds on nominal times', () => {
    expect(between(spec, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual([
      '2026-01-05T10:00:00.000Z',
      '2026-01-05T11:00:00.000Z',
      '2026-01-05T12:00:00.000Z',
    ]);
  });

  it('answer null once past endAt', () => {
    expect(next(spec, '2026-01-05T12:00:00Z')).toBeNull();
  });
});

describe('nextRuns', () => {
  it('lists the next five ISO times for POST /jobs/validate', () => {
    expect(nextRuns({ bar: '1h', delaySeconds: 0 }, Date.parse('2026-01-05T14:00:00Z'), ctx)).toEqual([
      '2026-01-05T15:00:00.000Z',
      '2026-01-05T16:00:00.000Z',
      '2026-01-05T17:00:00.000Z',
      '2026-01-05T18:00:00.000Z',
      '2026-01-05T19:00:00.000Z',
    ]);
    expect(
      nextRuns(
        { every: 1, endAt: '2026-01-05T14:00:02Z' },
        Date.parse('2026-01-05T14:00:00Z'),
        { ...ctx, anchorMs: 0 },
        5,
      ),
    ).toHaveLength(2);
  });
});
