import { isTimeframe } from '../../../src/base/domain/timeframe.js';
import { FakeVendorServer, type FailureMode, type FakeResponse, type RecordedRequest } from './fake-vendor-server.js';

const MAX_LIMIT = 1000;

/**
 * GET /api/v3/klines and /api/v3/ticker/price as Binance answers them: arrays of arrays with
 * prices as strings, `{"code":-1121,"msg":"Invalid symbol."}` with 400, 429/418 with Retry-After,
 * and the `x-mbx-used-weight-1m` header. With a clock, the last kline is the forming one.
 */
export class FakeBinanceServer extends FakeVendorServer {
  private usedWeight = 0;

  protected route(req: RecordedRequest): FakeResponse {
    if (req.path === '/api/v3/klines') return this.klines(req.query);
    if (req.path === '/api/v3/ticker/price') return this.price(req.query);
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
