import { isTimeframe } from '../../../src/base/domain/timeframe.js';
import { FakeVendorServer, type FailureMode, type FakeResponse, type RecordedRequest } from './fake-vendor-server.js';

const MAX_LIMIT = 1000;

/**
 * GET /api/v3/klines and /api/v3/ticker/price as Binance answers them: arrays of arrays with
 * prices as strings, `{"code":-1121,"msg":"Invalid symbol."}` with 400, 429/418 with Retry-After,
 * and the `x-mbx-used-weight-1m` header. With a clock, the last kline is the forming one.
 */
export class FakeBinanceServer extends FakeVendorServer {
  /** `/api/v3/ticker/24hr` answers, by symbol, in Binance's shape (see binanceTicker24hr). */
  readonly tickers24hr = new Map<string, Record<string, unknown>>();

  private usedWeight = 0;

  protected route(req: RecordedRequest): FakeResponse {
    if (req.path === '/api/v3/klines') return this.klines(req.query);
    if (req.path === '/api/v3/ticker/price') return this.price(req.query);
    if (req.path === '/api/v3/ticker/24hr') {
      const t = this.tickers24hr.get(req.query.get('symbol') ?? '');
      return t ? { status: 200, body: t } : { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    }
    if (req.path === '/api/v3/exchangeInfo') return this.exchangeInfo(req.query);
    return { status: 404, body: '<html><body><h1>404 Not found</h1></body></html>' };
  }

  protected rateLimitAnswer(mode: Extract<FailureMode, { kind: 'rateLimit' }>): FakeResponse {
    const status = mode.status ?? 429;
    const msg =
      status === 418
        ? 'Way too many requests; IP(127.0.0.1) banned until 1700000000000. Please use the websocket for live updates to avoid bans.'
        : 'Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use the websocket for live updates to avoid polling the API.';
    return { status, body: { code: -1003, msg }, headers: { 'retry-after': String(mode.retryAfterSec ?? 60) } };
  }

  private klines(q: URLSearchParams): FakeResponse {
    const symbol = q.get('symbol') ?? '';
    const interval = q.get('interval') ?? '';
    if (!isTimeframe(interval)) return this.error(-1120, 'Invalid interval.');
    const limit = Number(q.get('limit') ?? 500);
    if (!(limit >= 1 && limit <= MAX_LIMIT)) return this.error(-1130, "Data sent for parameter 'limit' is not valid.");
    const bars = this.hasSymbol(symbol) ? (this.barsFor(symbol, interval) ?? []) : undefined;
    if (!bars) return this.error(-1121, 'Invalid symbol.');
    const start = q.has('startTime') ? Number(q.get('startTime')) : -Infinity;
    const end = q.has('endTime') ? Number(q.get('endTime')) : Infinity;
    const inRange = bars.filter((b) => b.openTime >= start && b.openTime <= end);
    // With only endTime (or neither) Binance answers the most recent `limit`; with startTime, the oldest.
    const page = q.has('startTime') ? inRange.slice(0, limit) : inRange.slice(-limit);
    const rows = page.map((b) => [
      b.openTime,
      String(b.open),
      String(b.high),
      String(b.low),
      String(b.close),
      String(b.volume),
      b.closeTime,
      String(b.volume * b.close),
      100,
      String(b.volume / 2),
      String((b.volume * b.close) / 2),
      '0',
    ]);
    return this.ok(rows, 2);
  }

  /** Symbols answered with status BREAK (delisted: still listed, klines still served). */
  readonly delisted = new Set<string>();

  /** GET /api/v3/exchangeInfo (weight 20) in Binance's shape: every symbol the fake has bars for. */
  private exchangeInfo(q: URLSearchParams): FakeResponse {
    let names = this.symbols();
    if (q.has('symbol')) {
      const one = q.get('symbol') ?? '';
      if (!names.includes(one)) return this.error(-1121, 'Invalid symbol.');
      names = [one];
    }
    return this.ok(
      {
        timezone: 'UTC',
        serverTime: this.options.clock?.now() ?? Date.now(),
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
          { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
        ],
        exchangeFilters: [],
        symbols: names.map((symbol) => symbolInfo(symbol, this.delisted.has(symbol) ? 'BREAK' : 'TRADING')),
        sors: [],
      },
      20,
    );
  }

  private price(q: URLSearchParams): FakeResponse {
    const symbol = q.get('symbol') ?? '';
    const bars = this.hasSymbol(symbol) ? (this.barsFor(symbol, '1m') ?? []) : undefined;
    const last = bars?.[bars.length - 1];
    if (!last) return this.error(-1121, 'Invalid symbol.');
    return this.ok({ symbol, price: String(last.close) }, 2);
  }

  private ok(body: unknown, weight: number): FakeResponse {
    this.usedWeight += weight;
    return {
      status: 200,
      body,
      headers: { 'x-mbx-used-weight': String(this.usedWeight), 'x-mbx-used-weight-1m': String(this.usedWeight) },
    };
  }

  private error(code: number, msg: string): FakeResponse {
    return { status: 400, body: { code, msg } };
  }
}

const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'USD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY'];

/** One entry of exchangeInfo's `symbols`, with the fields and filters Binance sends. */
function symbolInfo(symbol: string, status: 'TRADING' | 'BREAK') {
  const quoteAsset = QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length) ?? symbol.slice(-3);
  return {
    symbol,
    status,
    baseAsset: symbol.slice(0, symbol.length - quoteAsset.length),
    baseAssetPrecision: 8,
    quoteAsset,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    otoAllowed: true,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: true,
    cancelReplaceAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      {
        filterType: 'NOTIONAL',
        minNotional: '5.00000000',
        applyMinToMarket: true,
        maxNotional: '9000000.00000000',
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}
