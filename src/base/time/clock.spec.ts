import { ManualClock } from './clock.js';
import { barOpenTime, barCloseTime, nextBarBoundary } from '../domain/timeframe.js';

describe('ManualClock and bar alignment', () => {
  it('moves only when told and aligns bars to UTC boundaries', () => {
    const clock = new ManualClock(Date.parse('2026-01-05T14:07:30Z'));
    clock.advance(1000);
    expect(clock.date().toISOString()).toBe('2026-01-05T14:07:31.000Z');
    expect(new Date(barOpenTime(clock.now(), '15m')).toISOString()).toBe('2026-01-05T14:00:00.000Z');
    expect(new Date(barCloseTime(barOpenTime(clock.now(), '15m'), '15m')).toISOString()).toBe(
      '2026-01-05T14:14:59.999Z',
    );
    expect(new Date(nextBarBoundary(clock.now(), '1w')).toISOString()).toBe('2026-01-12T00:00:00.000Z');
  });
});
