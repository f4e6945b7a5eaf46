import { describe, expect, it } from '@jest/globals';
import {
  easterSunday,
  isTradingDay,
  isWithinSession,
  marketDays,
  nextSessionOpen,
  sessionAtOrAfter,
  sessionFor,
} from './exchange-calendar.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Hand-checked against nyse.com/markets/hours-calendars and the NYSE's 2024–2026 announcements. */
const KNOWN: Record<number, { closed: string[]; early: string[] }> = {
  2024: {
    closed: [
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ],
    early: ['2024-07-03', '2024-11-29', '2024-12-24'],
  },
  2025: {
    closed: [
      '2025-01-01',
      '2025-01-09',
      '2025-01-20',
      '2025-02-17',
      '2025-04-18',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-11-27',
      '2025-12-25',
    ],
    early: ['2025-07-03', '2025-11-28', '2025-12-24'],
  },
  2026: {
    closed: [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ],
    early: ['2026-11-27', '2026-12-24'],
  },
};

const listed = (year: number, status: string): string[] =>
  [...marketDays(year)]
    .filter(([, d]) => d.status === status)
    .map(([date]) => date)
    .sort();

describe('exchange calendar (XNYS/XNAS)', () => {
  it.each([2024, 2025, 2026])('matches the published %i holidays and early closes exactly', (year) => {
    expect(listed(year, 'closed')).toEqual(KNOWN[year].closed);
    expect(listed(year, 'earlyClose')).toEqual(KNOWN[year].early);
  });

  it('computes Easter (Good Friday) correctly across the supported range', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2035)).toEqual([3, 25]);
  });

  it('does not observe a Saturday New Year on the Friday before (Dec 31 trades)', () => {
    expect(isTradingDay('2021-12-31')).toBe(true);
    expect(isTradingDay('2027-12-31')).toBe(true);
    expect(marketDays(2022).has('2022-01-01')).toBe(false);
    expect(isTradingDay('2023-01-02')).toBe(false); // Sunday New Year observed on Monday
  });

  it('moves fixed holidays off weekends and skips early closes that became holidays', () => {
    expect(isTradingDay('2022-06-20')).toBe(false); // Juneteenth on Sunday → Monday
    expect(isTradingDay('2021-06-18')).toBe(true); // Juneteenth only from 2022
    expect(isTradingDay('2021-12-24')).toBe(false); // Christmas on Saturday → Friday
    expect(marketDays(2021).get('2021-12-23')).toBeUndefined();
    expect(marketDays(2020).get('2020-07-02')).toBeUndefined(); // July 3 2020 was the holiday
    expect(marketDays(2023).get('2023-07-03')?.status).toBe('earlyClose');
  });

  it('knows XNAS shares the NYSE table, including the Carter day of mourning', () => {
    expect(isTradingDay('2025-01-09', 'XNAS')).toBe(false);
    expect(sessionFor('2025-01-10', 'XNAS')).not.toBeNull();
  });

  it('builds sessions in New York time on both sides of DST', () => {
    const winter = sessionFor('2026-01-05')!;
    expect([iso(winter.openMs), iso(winter.closeMs)]).toEqual(['2026-01-05T14:30:00.000Z', '2026-01-05T21:00:00.000Z']);
    const summer = sessionFor('2026-07-06')!;
    expect([iso(summer.openMs), iso(summer.closeMs)]).toEqual(['2026-07-06T13:30:00.000Z', '2026-07-06T20:00:00.000Z']);
    const early = sessionFor('2026-11-27')!;
    expect(early.earlyClose).toBe(true);
    expect(iso(early.closeMs)).toBe('2026-11-27T18:00:00.000Z');
    expect(sessionFor('2026-01-03')).toBeNull();
    expect(sessionFor('2026-01-19')).toBeNull();
  });

  it('treats the session as [open, close)', () => {
    expect(isWithinSession(Date.parse('2026-01-05T14:29:59.999Z'))).toBe(false);
    expect(isWithinSession(Date.parse('2026-01-05T14:30:00.000Z'))).toBe(true);
    expect(isWithinSession(Date.parse('2026-01-05T20:59:59.999Z'))).toBe(true);
    expect(isWithinSession(Date.parse('2026-01-05T21:00:00.000Z'))).toBe(false);
    expect(isWithinSession(Date.parse('2026-01-10T16:00:00.000Z'))).toBe(false); // Saturday
  });

  it('finds the next session open strictly after a time, across weekends and holidays', () => {
    expect(iso(nextSessionOpen(Date.parse('2026-01-16T22:00:00Z')))).toBe('2026-01-20T14:30:00.000Z'); // Fri → MLK → Tue
    expect(iso(nextSessionOpen(Date.parse('2026-01-05T14:30:00Z')))).toBe('2026-01-06T14:30:00.000Z');
    expect(iso(nextSessionOpen(Date.parse('2026-01-05T03:00:00Z')))).toBe('2026-01-05T14:30:00.000Z');
    expect(sessionAtOrAfter(Date.parse('2026-04-02T21:00:00Z')).date).toBe('2026-04-06'); // Good Friday
  });
});
