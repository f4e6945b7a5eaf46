import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import { isValidBar, makeBar, selectBars, toNumber } from './bar-utils.js';
import type { HttpResponse } from './http-client.js';
import { VendorApi } from './vendor-api.js';
import type { CandleQuery, LastCandlesQuery, MarketDataProvider, Quote } from '../core/market-data-provider.js';
import { defineProvider } from '../core/provider-definition.js';

export interface BinanceProviderConfig {
  /** BINANCE_BASE_URL (CONTRACT §1); any Binance-compatible REST API. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Bars per request; Binance caps `limit` at 1000. */
  pageLimit?: number;
  fetchImpl?: typeof fetch;
}

/** Binance spells every contract timeframe the same way (GET /api/v3/klines `interval`). */
export const BINANCE_INTERVALS: Record<Timeframe, string> = Object.fromEntries(
  TIMEFRAMES.map((tf) => [tf, tf]),
) as Record<Timeframe, string>;

/** How Binance spells a symbol (upper-case letters and digits); which exist is read from exchangeInfo. */
const SPELLING = /^[A-Z0-9]{2,32}$/;
const MAX_LIMIT = 1000;
/** Binance answers 429/418 with Retry-After; this is only the fallback when the header is missing. */
const DEFAULT_RETRY_AFTER_MS = 60_000;
const ERR_INVALID_SYMBOL = -1121;
const ERR_INVALID_INTERVAL = -1120;

const DEFAULT_BASE_URL = 'https://api.binance.com';

export class BinanceProvider implements MarketDataProvider {
  readonly name = 'binance';
  readonly supportedTimeframes = TIMEFRAMES;
  /** Last `x-mbx-used-weight-1m` seen: how close we run to the 1200/min IP budget (for /health). */
  usedWeight1m: number | null = null;
  private readonly baseUrl: string;
  private readonly pageLimit: number;
  private readonly http: VendorApi;

  constructor(config: BinanceProviderConfig = {}) {
    this.http = binanceApi(config, (res) => this.noteWeight(res));
    this.baseUrl = this.http.baseUrl;
    this.pageLimit = Math.min(config.pageLimit ?? MAX_LIMIT, MAX_LIMIT);
  }

  serves(symbol: string): boolean {
    return SPELLING.test(symbol);
  }

  /**
   * GET /api/v3/exchangeInfo: every symbol of this Binance-compatible API, whatever its quote
   * asset (Binance.US lists BTCUSD) or status (a delisted pair in BREAK still has its klines).
   */
  async listSymbols(): Promise<string[]> {
    const url = `${this.baseUrl}/api/v3/exchangeInfo`;
    const body = (await this.getJson(url)) as { symbols?: unknown };
    if (!Array.isArray(body?.symbols))
      throw this.http.error('invalidResponse', `exchangeInfo without a symbols array: GET ${url}`);
    return body.symbols.map((s: { symbol?: unknown }) => s?.symbol).filter((s): s is string => typeof s === 'string');
  }

  /** Pages forward by startTime until the range is covered or the vendor runs out of bars. */
  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const bars: Bar[] = [];
    let start = query.fromMs;
    while (start < query.toMs) {
      const page = await this.fetchPage(query, start);
      bars.push(...page);
      if (page.length < this.pageLimit) break;
      const next = page[page.length - 1].openTime + TIMEFRAME_MS[query.timeframe];
      if (next <= start) break; // a vendor that does not move forward must not loop us forever
      start = next;
    }
    return selectBars(bars, query);
  }

  /**
   * Klines with `endTime` and no `startTime` are the last `limit` before it, however long ago:
   * pages backward until `count` bars are found or a short page says the history starts there.
   */
  async fetchLastCandles(query: LastCandlesQuery): Promise<Bar[]> {
    const pages: Bar[][] = [];
    let end = query.toMs;
    let need = query.count;
    while (need > 0) {
      const limit = Math.min(this.pageLimit, need);
      const params = new URLSearchParams({
        symbol: query.symbol,
        interval: BINANCE_INTERVALS[query.timeframe],
        endTime: String(end - 1),
        limit: String(limit),
      });
      const url = `${this.baseUrl}/api/v3/klines?${params}`;
      const page = parseBinanceKlines(await this.getJson(url, query.signal), query.timeframe);
      if (!page) throw this.http.error('invalidResponse', `klines body is not an array of klines: GET ${url}`);
      const kept = page.filter((b) => b.openTime < end);
      pages.unshift(kept);
      need -= kept.length;
      if (kept.length < limit) break;
      end = kept[0].openTime;
    }
    return pages.flat().filter((b) => b.closeTime < query.nowMs);
  }

  async latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    const url = `${this.baseUrl}/api/v3/ticker/price?symbol=${encodeURIComponent(symbol)}`;
    const body = (await this.getJson(url, signal)) as { symbol?: unknown; price?: unknown };
    const price = toNumber(body?.price);
    if (!Number.isFinite(price)) throw this.http.error('invalidResponse', `ticker/price without a price for ${symbol}`);
    return { symbol, price, timeMs: null };
  }

  private async fetchPage(query: CandleQuery, startMs: number): Promise<Bar[]> {
    const params = new URLSearchParams({
      symbol: query.symbol,
      interval: BINANCE_INTERVALS[query.timeframe],
      // endTime is inclusive on openTime at Binance; our range is half-open.
      startTime: String(startMs),
      endTime: String(query.toMs - 1),
      limit: String(this.pageLimit),
    });
    const url = `${this.baseUrl}/api/v3/klines?${params}`;
    const body = await this.getJson(url, query.signal);
    const bars = parseBinanceKlines(body, query.timeframe);
    if (!bars) throw this.http.error('invalidResponse', `klines body is not an array of klines: GET ${url}`);
    return bars;
  }

  private getJson(url: string, signal?: AbortSignal): Promise<unknown> {
    return this.http.getJson(url, {}, { signal });
  }

  private noteWeight(res: HttpResponse): void {
    const weight = Number(res.headers.get('x-mbx-used-weight-1m'));
    if (Number.isFinite(weight) && res.headers.has('x-mbx-used-weight-1m')) this.usedWeight1m = weight;
  }
}

/** Binance's HTTP (public, no key); its `{"code": -1121, "msg": "Invalid symbol."}` says more than its 400 status. */
export function binanceApi(config: BinanceProviderConfig, onResponse?: (res: HttpResponse) => void): VendorApi {
  return new VendorApi({
    provider: 'binance',
    baseUrl: config.baseUrl ?? DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs,
    defaultRetryAfterMs: DEFAULT_RETRY_AFTER_MS,
    onResponse,
    answerError: (res, url, api) => {
      const body = res.json as { code?: unknown; msg?: unknown } | undefined;
      if (res.status !== 400 || typeof body?.code !== 'number') return null;
      const detail = `Binance error ${body.code} "${String(body.msg)}": GET ${url}`;
      if (body.code === ERR_INVALID_SYMBOL) return api.error('notFound', detail, { status: 400 });
      if (body.code === ERR_INVALID_INTERVAL) return api.error('unsupported', detail, { status: 400 });
      return api.error('invalidResponse', detail, { status: 400 });
    },
    fetchImpl: config.fetchImpl,
  });
}

/**
 * `[[openTime, "open", "high", "low", "close", "volume", closeTime, ...], ...]` → bars; null when
 * the body is not that shape or carries a non-numeric value.
 */
export function parseBinanceKlines(body: unknown, tf: Timeframe): Bar[] | null {
  if (!Array.isArray(body)) return null;
  const bars: Bar[] = [];
  for (const row of body) {
    if (!Array.isArray(row) || row.length < 6) return null;
    const [t, o, h, l, c, v] = row.map(toNumber);
    const bar = makeBar(t, tf, o, h, l, c, v);
    if (!isValidBar(bar)) return null;
    bars.push(bar);
  }
  return bars;
}

/** Binance's budget is 1200 weight/min per IP; ~20 requests/s keeps klines calls (weight 2) well under it. */
export const binance = defineProvider({
  name: 'binance',
  baseUrl: DEFAULT_BASE_URL,
  apiKey: 'none',
  inDefaultPriority: true,
  rateLimits: [{ tokens: 20, intervalMs: 1_000 }],
  capabilities: { bars: TIMEFRAMES, quote: true },
  create: ({ baseUrl }) => new BinanceProvider({ baseUrl: baseUrl ?? undefined }),
});
