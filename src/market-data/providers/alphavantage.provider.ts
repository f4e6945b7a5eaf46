import type { Bar } from '../../base/domain/bar.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../../base/domain/timeframe.js';
import {
  alignOpenTime,
  fetchViaPlan,
  isValidBar,
  makeBar,
  planTimeframe,
  reachableTimeframes,
  toNumber,
} from './bar-utils.js';
import { isRecord, VendorApi } from './vendor-api.js';
import type { CandleQuery, MarketDataProvider, Quote } from '../core/market-data-provider.js';
import { defineProvider } from '../core/provider-definition.js';
import type { ProviderError } from '../core/provider-error.js';
import { zonedLocalToUtc } from './zoned-time.js';

export interface AlphaVantageProviderConfig {
  /** ALPHAVANTAGE_API_KEY; the provider is not built without one (CONTRACT §1). */
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** TIME_SERIES_INTRADAY intervals plus the daily and weekly functions. */
export const ALPHAVANTAGE_INTERVALS: Partial<Record<Timeframe, string>> = {
  '1m': '1min',
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '60min',
  '1d': 'daily',
  '1w': 'weekly',
};

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,11}$/;
/** `outputsize=compact` answers the latest 100 points; anything reaching further back needs `full`. */
const COMPACT_POINTS = 100;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

type Body = Record<string, unknown>;

const DEFAULT_BASE_URL = 'https://www.alphavantage.co';

export class AlphaVantageProvider implements MarketDataProvider {
  readonly name = 'alphavantage';
  readonly supportedTimeframes = reachableTimeframes(ALPHAVANTAGE_INTERVALS);
  private readonly http: VendorApi;

  constructor(config: AlphaVantageProviderConfig) {
    this.http = alphaVantageApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const plan = planTimeframe(query.timeframe, ALPHAVANTAGE_INTERVALS);
    if (!plan) throw this.http.error('unsupported', `timeframe ${query.timeframe} has no Alpha Vantage series`);
    return fetchViaPlan(query, plan, async (fromMs) => {
      const params = seriesParams(query.symbol, plan.base, plan.interval, fromMs, query.nowMs);
      const body = await this.http.getObject('/query', params, query);
      const bars = parseAlphaVantageSeries(body, plan.base);
      if (!bars)
        throw this.http.error('invalidResponse', `time series for ${query.symbol} breaks the documented shape`);
      return bars;
    });
  }

  async latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    const body = await this.http.getObject('/query', { function: 'GLOBAL_QUOTE', symbol }, { signal });
    const quote = body['Global Quote'] as Record<string, unknown> | undefined;
    if (!quote || Object.keys(quote).length === 0) throw this.http.error('notFound', `no quote for ${symbol}`);
    const price = toNumber(quote['05. price']);
    if (!Number.isFinite(price)) throw this.http.error('invalidResponse', `GLOBAL_QUOTE for ${symbol} has no price`);
    const day = Date.parse(`${String(quote['07. latest trading day'])}T00:00:00Z`);
    return { symbol, price, timeMs: Number.isNaN(day) ? null : day };
  }
}

/** Alpha Vantage's HTTP: `/query?function=…`, the key as `apikey`, every problem a 200 (see avBodyError). */
export function alphaVantageApi(config: AlphaVantageProviderConfig): VendorApi {
  return new VendorApi({
    provider: 'alphavantage',
    baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs,
    key: { param: 'apikey', value: config.apiKey },
    defaultRetryAfterMs: MINUTE_MS,
    bodyError: avBodyError,
    fetchImpl: config.fetchImpl,
  });
}

/**
 * Alpha Vantage answers every problem with HTTP 200: `"Error Message"` for an unknown symbol or
 * bad call, `"Note"` (older) or `"Information"` (current) for the rate limit and for premium-only
 * requests. The messages are scrubbed of the key by ProviderError.
 */
function avBodyError(body: unknown, api: VendorApi, nowMs: number): ProviderError | null {
  if (!isRecord(body)) return null;
  const message = body['Error Message'];
  if (typeof message === 'string') return api.error(/apikey/i.test(message) ? 'auth' : 'notFound', message);
  const note = body.Note ?? body.Information;
  if (typeof note !== 'string') return null;
  // The old Note names both caps ("5 calls per minute and 500 calls per day"): the minute one bites first.
  if (/per minute|call frequency/i.test(note)) return api.error('rateLimited', note, { retryAfterMs: MINUTE_MS });
  if (/per day|daily/i.test(note)) return api.error('rateLimited', note, { retryAfterMs: nextUtcDay(nowMs) - nowMs });
  if (/rate limit|requests per/i.test(note)) return api.error('rateLimited', note, { retryAfterMs: MINUTE_MS });
  return api.error('auth', note); // premium endpoint, invalid or missing key
}

function nextUtcDay(nowMs: number): number {
  return barOpenTime(nowMs, '1d') + DAY_MS;
}

function seriesParams(symbol: string, tf: Timeframe, interval: string, fromMs: number, nowMs: number): URLSearchParams {
  const outputsize = (nowMs - fromMs) / TIMEFRAME_MS[tf] > COMPACT_POINTS ? 'full' : 'compact';
  if (interval === 'weekly') return new URLSearchParams({ function: 'TIME_SERIES_WEEKLY', symbol });
  if (interval === 'daily') return new URLSearchParams({ function: 'TIME_SERIES_DAILY', symbol, outputsize });
  return new URLSearchParams({
    function: 'TIME_SERIES_INTRADAY',
    symbol,
    interval,
    outputsize,
    extended_hours: 'false',
  });
}

/**
 * `{"Meta Data": {..."6. Time Zone": "US/Eastern"}, "Time Series (5min)": {"2024-01-05 19:55:00":
 * {"1. open": "..."}}}` → ascending bars. Intraday keys are wall-clock times in the meta's zone
 * and name the bar's start; daily/weekly keys are dates (weekly: the week's last trading day).
 */
export function parseAlphaVantageSeries(body: Body, tf: Timeframe): Bar[] | null {
  const meta = body['Meta Data'] as Record<string, unknown> | undefined;
  const seriesKey = Object.keys(body).find((k) => /Time Series/.test(k));
  if (!meta || !seriesKey) return null;
  const zoneKey = Object.keys(meta).find((k) => /Time Zone$/.test(k));
  const zone = zoneKey ? String(meta[zoneKey]) : 'UTC';
  const series = body[seriesKey] as Record<string, Record<string, unknown>>;
  if (!series || typeof series !== 'object') return null;
  const bars: Bar[] = [];
  for (const [stamp, p] of Object.entries(series)) {
    const t = stamp.length <= 10 ? Date.parse(`${stamp}T00:00:00Z`) : zonedLocalToUtc(stamp, zone);
    const bar = makeBar(
      alignOpenTime(t, tf),
      tf,
      toNumber(p?.['1. open']),
      toNumber(p?.['2. high']),
      toNumber(p?.['3. low']),
      toNumber(p?.['4. close']),
      toNumber(p?.['5. volume']),
    );
    if (!isValidBar(bar)) return null;
    bars.push(bar);
  }
  return bars.sort((a, b) => a.openTime - b.openTime); // the vendor answers newest first
}

/** Alpha Vantage free key: 5 calls/min and 25 a day, ALPHAVANTAGE_API_KEY required. */
export const alphavantage = defineProvider({
  name: 'alphavantage',
  baseUrl: DEFAULT_BASE_URL,
  apiKey: 'required',
  inDefaultPriority: true,
  rateLimits: [
    { tokens: 5, intervalMs: 60_000 },
    { tokens: 25, intervalMs: 24 * 60 * 60_000 }, // the free key also stops at 25 calls a day
  ],
  capabilities: { bars: reachableTimeframes(ALPHAVANTAGE_INTERVALS), quote: true },
  create: ({ baseUrl, apiKey }) => new AlphaVantageProvider({ apiKey: apiKey!, baseUrl: baseUrl ?? undefined }),
});
