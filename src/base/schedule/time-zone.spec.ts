import { describe, expect, it } from '@jest/globals';
import { isIanaTimeZone, offsetAt, repeatedWallEnd, wallTimeToInstant } from './time-zone.js';

const NY = 'America/New_York';
const wall = (s: string): number => Date.parse(`${s}Z`);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('time-zone helpers', () => {
  it('accepts IANA names and aliases, refuses unknown names and raw offsets', () => {
    expect(['UTC', 'America/New_York', 'Europe/London', 'Etc/GMT+5'].every(isIanaTimeZone)).toBe(true);
    expect(['Mars/Base', '+05:00', '', 42].some(isIanaTimeZone)).toBe(false);
  });

  it('maps wall times to instants: normal, gap (→ end of gap), repeated (→ first occurrence)', () => {
    expect(iso(wallTimeToInstant(wall('2026-01-05T09:30:00'), NY))).toBe('2026-01-05T14:30:00.000Z');
    expect(iso(wallTimeToInstant(wall('2026-03-08T02:30:00'), NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(wallTimeToInstant(wall('2026-11-01T01:30:00'), NY))).toBe('2026-11-01T05:30:00.000Z');
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), NY)).toBe(-4 * 3_600_000);
  });

  it('finds where a fall-back repeat ends, only after a fall-back', () => {
    expect(iso(repeatedWallEnd(Date.parse('2026-11-01T06:10:00Z'), NY))).toBe('2026-11-01T02:00:00.000Z');
    expect(repeatedWallEnd(Date.parse('2026-03-08T08:00:00Z'), NY)).toBeNull();
  });
});
