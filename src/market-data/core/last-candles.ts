import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAME_MS } from '../../base/domain/timeframe.js';
import type { LastCandlesQuery, MarketDataProvider } from './market-data-provider.js';
import { isProviderError } from './provider-error.js';

/** How much wider each step back is than the one before: few requests to reach a series that ended years ago. */
const GROWTH = 4;
/** No vendor has bars before this (the search's floor). */
export const HISTORY_FLOOR_MS = Date.UTC(1970, 0, 1);

/**
 * The last `count` closed bars before `toMs` from a vendor that only answers time ranges: the span
 * of `count` bars first, then spans GROWTH times wider further back, until `count` bars are found
 * or the floor is reached. Nights, weekends, a delisting or a CSV of 2017 cost a few requests, not
 * one per empty span. A vendor that refuses a range further back (Yahoo keeps 1m bars for 30
 * days: 'unsupported') has reached the start of the history it serves.
 */
export async function fetchLastViaRanges(provider: MarketDataProvider, query: LastCandlesQuery): Promise<Bar[]> {
  const { count, toMs } = query;
  let span = count * TIMEFRAME_MS[query.timeframe];
  let cursor = toMs;
  let found: Bar[] = [];
  for (let step = 0; found.length < count && cursor > HISTORY_FLOOR_MS; step++) {
    const fromMs = Math.max(HISTORY_FLOOR_MS, cursor - span);
    let bars: Bar[];
    try {
      bars = await provider.fetchCandles({ ...query, fromMs, toMs: cursor, includeForming: false });
    } catch (err) {
      if (step > 0 && isProviderError(err, 'unsupported')) break;
      throw err;
    }
    found = bars.concat(found);
    cursor = fromMs;
    span *= GROWTH;
  }
  return found.slice(-count);
}

/** The provider's own count-based fetch when it has one, else the backward search. */
export function fetchLastCandles(provider: MarketDataProvider, query: LastCandlesQuery): Promise<Bar[]> {
  return provider.fetchLastCandles ? provider.fetchLastCandles(query) : fetchLastViaRanges(provider, query);
}
