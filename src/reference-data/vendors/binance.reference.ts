import type { ReferenceSource } from '../core/reference-source.js';
import { num, type QuoteRecord } from '../core/records.js';
import { binanceApi } from '../../market-data/providers/binance.provider.js';
import { isRecord, type VendorApi } from '../../market-data/providers/vendor-api.js';

/** A Binance spot pair: base and quote assets run together, e.g. BTCUSDT, ETHBTC. */
const PAIR = /^[A-Z0-9]{2,12}(USDT|USDC|FDUSD|BUSD|TUSD|BTC|ETH|BNB|EUR|TRY|BRL)$/;

/**
 * Binance spot: crypto quotes only, from `GET /api/v3/ticker/24hr?symbol=` (weight 2; public, no
 * key). `lastPrice` and `closeTime` are the last trade; numbers are decimal strings.
 */
export class BinanceReference implements ReferenceSource {
  readonly name = 'binance';
  private readonly http: VendorApi;

  constructor(config: { baseUrl?: string; timeoutMs?: number; fetchImpl?: typeof fetch }) {
    this.http = binanceApi(config);
  }

  serves(symbol: string): boolean {
    return PAIR.test(symbol);
  }

  async quote(symbol: string, signal?: AbortSignal): Promise<QuoteRecord> {
    // An unknown pair is HTTP 400 `{"code": -1121, "msg": "Invalid symbol."}`: notFound (binanceApi).
    const b = await this.http.getJson('/api/v3/ticker/24hr', { symbol }, { signal });
    if (!isRecord(b)) throw this.http.error('invalidResponse', `ticker/24hr for ${symbol} is not an object`);
    const price = num(b.lastPrice);
    const time = num(b.closeTime);
    if (price === null || time === null)
      throw this.http.error('invalidResponse', `ticker/24hr for ${symbol} has no lastPrice/closeTime`);
    return {
      symbol,
      price,
      change: num(b.priceChange),
      changePercent: num(b.priceChangePercent),
      open: num(b.openPrice),
      high: num(b.highPrice),
      low: num(b.lowPrice),
      previousClose: num(b.prevClosePrice),
      volume: num(b.volume),
      quoteTime: time,
    };
  }
}
