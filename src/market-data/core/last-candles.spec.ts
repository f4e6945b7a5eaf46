import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAMES } from '../../base/domain/timeframe.js';
import { fetchLastViaRanges } from './last-candles.js';
import type { CandleQuery, MarketDataProvider } from './market-data-provider.js';
import { ProviderError } from './provider-error.js';

const H = 3_600_000;
const bar = (openTime: number): Bar => ({
  openTime,
  closeTime: openTime + H - 1,
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: 1,
});

/** A vendor that only answers time ranges, over `bars`; `oldestMs`: it refuses ranges starting before. */
function rangeVendor(bars: Bar[], oldestMs = -Infinity) {
  const asked: Array<[number, number]> = [];
  const provider: MarketDataProvider = {
    name: 'ranges',
    supportedTimeframes: TIMEFRAMES,
    serves: () => true,
    latestQuote: async () => ({ symbol: 'X', price: 1, timeMs: null }),
    fetchCandles: async (q: CandleQuery) => {
      asked.push([q.fromMs, q.toMs]);
      if (q.fromMs < oldestMs) throw new ProviderError('unsupported', 'ranges', 'too far back');
      return bars.filter((b) => b.openTime >= q.fromMs && b.openTime < q.toMs && b.closeTime < q.nowMs);
    },
  };
  return { provider, asked };
}

describe('fetchLastViaRanges (vendors without a count-based API)', () => {
  const NOW = Date.parse('2026-01-05T14:30:00Z');
  const query = { symbol: 'X', timeframe: '1h' as const, toMs: Date.parse('2026-01-05T14:00:00Z'), nowMs: NOW };

  it('finds the last N bars of a series that ended years ago in a few widening steps', async () => {
    const ended = Date.parse('2017-06-01T00:00:00Z');
    const bars = Array.from({ length: 300 }, (_, i) => bar(ended - (300 - i) * H));
    const { provider, asked } = rangeVendor(bars);
    await expect(fetchLastViaRanges(provider, { ...query, count: 50 })).resolves.toEqual(bars.slice(-50));
    expect(asked.length).toBeLessThanOrEqual(8);
    // Each step reaches further back than the last, and the steps never overlap.
    for (let i = 1; i < asked.length; i++) expect(asked[i][1]).toBe(asked[i - 1][0]);
  });

  it('answers all there is when the history is shorter, and stops where the vendor refuses older ranges', async () => {
    const bars = Array.from({ length: 10 }, (_, i) => bar(query.toMs - (10 - i) * 5 * H));
    await expect(fetchLastViaRanges(rangeVendor(bars).provider, { ...query, count: 500 })).resolves.toEqual(bars);
    // 100 hours, then 400 more, then 1,600 more: refused (older than 600 hours), so that is the history.
    const refused = rangeVendor(bars, query.toMs - 600 * H);
    await expect(fetchLastViaRanges(refused.provider, { ...query, count: 100 })).resolves.toEqual(bars);
    expect(refused.asked).toHaveLength(3);
  });

  it('passes on a failure of its first range (the vendor is down, not out of history)', async () => {
    const { provider } = rangeVendor([], Infinity);
    await expect(fetchLastViaRanges(provider, { ...query, count: 5 })).rejects.toMatchObject({ code: 'unsupported' });
  });
});
