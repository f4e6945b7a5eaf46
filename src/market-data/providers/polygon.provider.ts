import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
import { alignOpenTime, isValidBar, makeBar, selectBars, toNumber } from './bar-utils.js';
import { isRecord, VendorApi } from './vendor-api.js';
import type { CandleQuery, MarketDataProvider, Quote } from '../core/market-data-provider.js';
import { defineProvider } from '../core/provider-definition.js';

export interface PolygonProviderConfig {
  /** POLYGON_API_KEY; the provider is not built without one (CONTRACT §1). */
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Safety stop for next_url paging. */
  maxPages?: number;
  fetchImpl?: typeof fetch;
}

/** `/range/{multiplier}/{timespan}`: Polygon builds every contract timeframe itself. */
export const POLYGON_RANGES: Record<Timeframe, [number, string]> = {
  '1s': [1, 'second'],
  '1m': [1, 'minute'],
  '3m': [3, 'minute'],
  '5m': [5, 'minute'],
  '15m': [15, 'minute'],
  '30m': [30, 'minute'],
  '1h': [1, 'hour'],
  '2h': [2, 'hour'],
  '4h': [4, 'hour'],
  '6h': [6, 'hour'],
  '8h': [8, 'hour'],
  '12h': [12, 'hour'],
  '1d': [1, 'day'],
  '1w': [1, 'week'],
};

const SYMBOL = /^(?:[A-Z][A-Z0-9.]{0,9}|X:[A-Z0-9]{4,16}|C:[A-Z]{6}|I:[A-Z0-9]{1,10})$/;
/** Free tier: 5 calls/minute. */
const DEFAULT_RETRY_AFTER_MS = 12_000;

interface AggsBody {
  status?: unknown;
  results?: unknown;
  next_url?: unknown;
  error?: unknown;
  message?: unknown;
}

const DEFAULT_BASE_URL = 'https://api.polygon.io';

export class PolygonProvider implements MarketDataProvider {
  readonly name = 'polygon';
  readonly supportedTimeframes = Object.keys(POLYGON_RANGES) as Timeframe[];
  private readonly maxPages: number;
  private readonly http: VendorApi;

  constructor(config: PolygonProviderConfig) {
    this.maxPages = config.maxPages ?? 100;
    this.http = polygonApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  /** Follows `next_url` (which carries a cursor but not the key) until the vendor stops sending one. */
  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const [mult, span] = POLYGON_RANGES[query.timeframe];
    // from/to accept ms timestamps and are inclusive.
    const path = `/v2/aggs/ticker/${encodeURIComponent(query.symbol)}/range/${mult}/${span}/${query.fromMs}/${query.toMs - 1}`;
    let url: string | null = `${path}?adjusted=true&sort=asc&limit=50000`;
    const bars: Bar[] = [];
    for (let page = 0; url && page < this.maxPages; page++) {
      const body = (await this.http.getObject(url, {}, query)) as AggsBody;
      const parsed = parsePolygonAggs(body, query.timeframe);
      if (!parsed)
        throw this.http.error('invalidResponse', `aggs body for ${query.symbol} breaks the documented shape`);
      bars.push(...parsed);
      url = typeof body.next_url === 'string' ? body.next_url : null;
    }
    return selectBars(bars, query);
  }

  async latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    const body = (await this.http.getObject(
      `/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev`,
      { adjusted: 'true' },
      { signal },
    )) as AggsBody;
    const last = Array.isArray(body.results)
      ? (body.results[body.results.length - 1] as Record<string, unknown>)
      : undefined;
    if (!last) throw this.http.error('notFound', `no previous close for ${symbol}`);
    const price = toNumber(last.c);
    if (!Number.isFinite(price)) throw this.http.error('invalidResponse', `prev body for ${symbol} has no close`);
    return { symbol, price, timeMs: Number.isFinite(toNumber(last.t)) ? toNumber(last.t) : null };
  }
}

/** Polygon's HTTP: the key as `apiKey` (also on `next_url`, which carries only a cursor). */
export function polygonApi(config: PolygonProviderConfig): VendorApi {
  return new VendorApi({
    provider: 'polygon',
    baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs,
    key: { param: 'apiKey', value: config.apiKey },
    defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
    // Some failures come as `{"status": "ERROR" | "NOT_AUTHORIZED", "error" | "message": "..."}`.
    bodyError: (b, api) =>
      isRecord(b) && (b.status === 'ERROR' || b.status === 'NOT_AUTHORIZED')
        ? api.error(b.status === 'ERROR' ? 'invalidResponse' : 'auth', String(b.error ?? b.message))
        : null,
    fetchImpl: config.fetchImpl,
  });
}

/**
 * `{status:"OK"|"DELAYED", results:[{t,o,h,l,c,v}]}` → bars. An unknown ticker is answered with
 * `resultsCount: 0` and no `results`, which is an empty answer, not an error.
 */
export function parsePolygonAggs(body: AggsBody, tf: Timeframe): Bar[] | null {
  if (body.status !== 'OK' && body.status !== 'DELAYED') return null;
  if (body.results === undefined) return [];
  if (!Array.isArray(body.results)) return null;
  const bars: Bar[] = [];
  for (const r of body.results as Array<Record<string, unknown>>) {
    const bar = makeBar(
      alignOpenTime(toNumber(r?.t), tf),
      tf,
      toNumber(r?.o),
      toNumber(r?.h),
      toNumber(r?.l),
      toNumber(r?.c),
      toNumber(r?.v),
    );
    if (!isValidBar(bar)) return null;
    bars.push(bar);
  }
  return bars;
}

/** Polygon free tier: 5 calls/min, POLYGON_API_KEY required. */
export const polygon = defineProvider({
  name: 'polygon',
  baseUrl: DEFAULT_BASE_URL,
  apiKey: 'required',
  inDefaultPriority: true,
  rateLimits: [{ tokens: 5, intervalMs: 60_000 }],
  capabilities: { bars: Object.keys(POLYGON_RANGES) as Timeframe[], quote: true },
  create: ({ baseUrl, apiKey }) => new PolygonProvider({ apiKey: apiKey!, baseUrl: baseUrl ?? undefined }),
});
