import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
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

export interface FinnhubProviderConfig {
  /** FINNHUB_API_KEY; the provider is not built without one (CONTRACT §1). */
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** `/stock/candle` resolutions: 1 5 15 30 60 D W M. */
export const FINNHUB_RESOLUTIONS: Partial<Record<Timeframe, string>> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '1d': 'D',
  '1w': 'W',
};

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,11}$/;
/** Free tier: 60 calls/minute, so one second is the natural wait when the 429 has no header. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

interface CandleBody {
  s?: unknown;
  t?: unknown;
  o?: unknown;
  h?: unknown;
  l?: unknown;
  c?: unknown;
  v?: unknown;
  error?: unknown;
}

const DEFAULT_BASE_URL = 'https://finnhub.io';

export class FinnhubProvider implements MarketDataProvider {
  readonly name = 'finnhub';
  readonly supportedTimeframes = reachableTimeframes(FINNHUB_RESOLUTIONS);
  private readonly http: VendorApi;

  constructor(config: FinnhubProviderConfig) {
    this.http = finnhubApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const plan = planTimeframe(query.timeframe, FINNHUB_RESOLUTIONS);
    if (!plan) throw this.http.error('unsupported', `timeframe ${query.timeframe} has no finnhub resolution`);
    return fetchViaPlan(query, plan, async (fromMs, toMs) => {
      const params = {
        symbol: query.symbol,
        resolution: plan.interval,
        // `to` is inclusive, in seconds: the last second before our exclusive end.
        from: String(Math.floor(fromMs / 1000)),
        to: String(Math.ceil(toMs / 1000) - 1),
      };
      const body = (await this.http.getObject('/api/v1/stock/candle', params, query)) as CandleBody;
      const bars = parseFinnhubCandles(body, plan.base);
      if (!bars)
        throw this.http.error('invalidResponse', `stock/candle body for ${query.symbol} breaks the documented shape`);
      return bars;
    });
  }

  /** `/quote` answers zeros (t = 0) rather than an error for a symbol it does not know. */
  async latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    const body = (await this.http.getObject('/api/v1/quote', { symbol }, { signal })) as {
      c?: unknown;
      t?: unknown;
    };
    const price = toNumber(body?.c);
    const t = toNumber(body?.t);
    if (!Number.isFinite(price) || !Number.isFinite(t))
      throw this.http.error('invalidResponse', `quote body for ${symbol} has no c/t`);
    if (t === 0) throw this.http.error('notFound', `no quote for ${symbol}`);
    return { symbol, price, timeMs: t * 1000 };
  }
}

/** Finnhub's HTTP: the key as `token`; some failures come as a 200 with `{"error": "..."}`. */
export function finnhubApi(config: FinnhubProviderConfig): VendorApi {
  return new VendorApi({
    provider: 'finnhub',
    baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs,
    key: { param: 'token', value: config.apiKey },
    defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
    bodyError: (body, api) =>
      isRecord(body) && typeof body.error === 'string' ? api.error('invalidResponse', body.error) : null,
    fetchImpl: config.fetchImpl,
  });
}

/** `{c,h,l,o,s:"ok",t,v}` column arrays → bars; `s:"no_data"` → none; null when the shape is broken. */
export function parseFinnhubCandles(body: CandleBody, tf: Timeframe): Bar[] | null {
  if (body.s === 'no_data') return [];
  if (body.s !== 'ok') return null;
  const cols = [body.t, body.o, body.h, body.l, body.c, body.v];
  if (!cols.every((c) => Array.isArray(c) && c.length === (body.t as unknown[]).length)) return null;
  const [t, o, h, l, c, v] = cols as unknown[][];
  const bars: Bar[] = [];
  for (let i = 0; i < t.length; i++) {
    const openTime = alignOpenTime(toNumber(t[i]) * 1000, tf);
    const bar = makeBar(openTime, tf, toNumber(o[i]), toNumber(h[i]), toNumber(l[i]), toNumber(c[i]), toNumber(v[i]));
    if (!isValidBar(bar)) return null;
    bars.push(bar);
  }
  return bars;
}

/** Finnhub free tier: 60 calls/min, FINNHUB_API_KEY required. */
export const finnhub = defineProvider({
  name: 'finnhub',
  baseUrl: DEFAULT_BASE_URL,
  apiKey: 'required',
  inDefaultPriority: true,
  rateLimits: [{ tokens: 60, intervalMs: 60_000 }],
  capabilities: { bars: reachableTimeframes(FINNHUB_RESOLUTIONS), quote: true },
  create: ({ baseUrl, apiKey }) => new FinnhubProvider({ apiKey: apiKey!, baseUrl: baseUrl ?? undefined }),
});
