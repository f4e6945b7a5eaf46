import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../../base/domain/timeframe.js';
import {
  alignOpenTime,
  fetchViaPlan,
  isValidBar,
  makeBar,
  planTimeframe,
  reachableTimeframes,
  toNumber,
} from './bar-utils.js';
import type { HttpResponse } from './http-client.js';
import { VendorApi } from './vendor-api.js';
import type { CandleQuery, MarketDataProvider, Quote } from '../core/market-data-provider.js';
import { defineProvider } from '../core/provider-definition.js';

export interface YahooProviderConfig {
  /** YAHOO_BASE_URL (CONTRACT §1). */
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/** Chart API intervals that match a contract timeframe; 3m, 2h, 4h … are folded from these. */
export const YAHOO_INTERVALS: Partial<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '60m',
  '1d': '1d',
  '1w': '1wk',
};

const SYMBOL = /^[A-Za-z0-9^=.-]{1,24}$/;
const DEFAULT_RETRY_AFTER_MS = 5_000;

interface ChartError {
  code?: unknown;
  description?: unknown;
}
interface ChartResult {
  meta?: { regularMarketPrice?: unknown; regularMarketTime?: unknown };
  timestamp?: unknown;
  indicators?: { quote?: Array<Record<string, unknown>> };
}
interface ChartBody {
  chart?: { result?: ChartResult[] | null; error?: ChartError | null };
}

const DEFAULT_BASE_URL = 'https://query1.finance.yahoo.com';

export class YahooProvider implements MarketDataProvider {
  readonly name = 'yahoo';
  readonly supportedTimeframes = reachableTimeframes(YAHOO_INTERVALS);
  private readonly http: VendorApi;

  constructor(config: YahooProviderConfig = {}) {
    this.http = new VendorApi({
      provider: this.name,
      baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
      timeoutMs: config.timeoutMs,
      defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
      answerError: chartError,
      fetchImpl: config.fetchImpl,
    });
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const plan = planTimeframe(query.timeframe, YAHOO_INTERVALS);
    if (!plan) throw this.http.error('unsupported', `timeframe ${query.timeframe} is not offered by the chart API`);
    return fetchViaPlan(query, plan, async (fromMs, toMs) => {
      const params = new URLSearchParams({
        interval: plan.interval,
        period1: String(Math.floor(fromMs / 1000)),
        period2: String(Math.ceil(toMs / 1000)),
      });
      const result = await this.chart(query.symbol, params, query.signal);
      const bars = parseYahooChart(result, plan.base);
      if (!bars)
        throw this.http.error('invalidResponse', `chart result for ${query.symbol} breaks the documented shape`);
      return bars;
    });
  }

  async latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    const result = await this.chart(symbol, new URLSearchParams({ interval: '1d', range: '1d' }), signal);
    const price = toNumber(result.meta?.regularMarketPrice);
    if (!Number.isFinite(price))
      throw this.http.error('invalidResponse', `chart meta for ${symbol} has no regularMarketPrice`);
    const time = toNumber(result.meta?.regularMarketTime);
    return { symbol, price, timeMs: Number.isFinite(time) ? time * 1000 : null };
  }

  private async chart(symbol: string, params: URLSearchParams, signal?: AbortSignal): Promise<ChartResult> {
    const path = `/v8/finance/chart/${encodeURIComponent(symbol)}`;
    const body = (await this.http.getJson(path, params, { signal })) as ChartBody;
    const result = body?.chart?.result?.[0];
    if (!result) throw this.http.error('invalidResponse', `no chart.result in the answer to GET ${path}`);
    return result;
  }
}

/** `{"chart":{"result":null,"error":{"code":"Not Found","description":"..."}}}`, sent with 404/400/422. */
function chartError(res: HttpResponse, url: string, api: VendorApi) {
  const error = (res.json as ChartBody | undefined)?.chart?.error;
  if (!error) return null;
  const detail = `${String(error.code)}: ${String(error.description)} (GET ${url})`;
  if (error.code === 'Not Found') return api.error('notFound', detail, { status: res.status });
  // "Bad Request"/"Unprocessable Entity": e.g. 1m data older than Yahoo keeps.
  if (res.status === 400 || res.status === 422) return api.error('unsupported', detail, { status: res.status });
  return null;
}

/**
 * `timestamp[]` + `indicators.quote[0].{open,high,low,close,volume}[]` → bars. Points with a null
 * (no trade in that interval, or Yahoo's padding) are skipped. Intraday stamps are snapped to the
 * interval grid of the first stamp because the last point is often the live quote (e.g. 14:37:12).
 */
export function parseYahooChart(result: ChartResult, tf: Timeframe): Bar[] | null {
  if (result.timestamp === undefined) return []; // a range with no trading answers meta only
  const ts = result.timestamp;
  const q = result.indicators?.quote?.[0];
  if (!Array.isArray(ts) || !q) return null;
  const cols = ['open', 'high', 'low', 'close', 'volume'].map((k) => q[k]);
  if (!cols.every((c) => Array.isArray(c) && c.length === ts.length)) return null;
  const [open, high, low, close, volume] = cols as unknown[][];
  const bars: Bar[] = [];
  const len = TIMEFRAME_MS[tf];
  for (let i = 0; i < ts.length; i++) {
    if ([open[i], high[i], low[i], close[i]].some((v) => v === null || v === undefined)) continue;
    const t = toNumber(ts[i]) * 1000;
    const openTime =
      tf === '1d' || tf === '1w' ? alignOpenTime(t, tf) : t - ((((t - toNumber(ts[0]) * 1000) % len) + len) % len);
    const bar = makeBar(
      openTime,
      tf,
      toNumber(open[i]),
      toNumber(high[i]),
      toNumber(low[i]),
      toNumber(close[i]),
      toNumber(volume[i] ?? 0),
    );
    if (!isValidBar(bar)) return null;
    bars.push(bar);
  }
  return bars;
}

/** Yahoo chart API: no key; about 2 requests/s before it answers 429. */
export const yahoo = defineProvider({
  name: 'yahoo',
  baseUrl: DEFAULT_BASE_URL,
  apiKey: 'none',
  inDefaultPriority: true,
  rateLimits: [{ tokens: 2, intervalMs: 1_000 }],
  capabilities: { bars: reachableTimeframes(YAHOO_INTERVALS), quote: true },
  create: ({ baseUrl }) => new YahooProvider({ baseUrl: baseUrl ?? undefined }),
});
