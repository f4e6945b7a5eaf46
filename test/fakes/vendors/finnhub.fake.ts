import type { Timeframe } from '../../../src/base/domain/timeframe.js';
import {
  FakeVendorServer,
  type FailureMode,
  type FakeResponse,
  type FakeVendorOptions,
  type RecordedRequest,
} from './fake-vendor-server.js';

const RESOLUTIONS: Record<string, Timeframe> = {
  '1': '1m',
  '5': '5m',
  '15': '15m',
  '30': '30m',
  '60': '1h',
  D: '1d',
  W: '1w',
};

/** GET /api/v1/stock/candle and /api/v1/quote, keyed by `token`, in Finnhub's column-array shape. */
export class FakeFinnhubServer extends FakeVendorServer {
  constructor(
    private readonly apiKey: string,
    options: FakeVendorOptions = {},
  ) {
    super(options);
  }

  protected route(req: RecordedRequest): FakeResponse {
    if (req.query.get('token') !== this.apiKey) return { status: 401, body: { error: 'Invalid API key' } };
    if (req.path === '/api/v1/stock/candle') return this.candles(req.query);
    if (req.path === '/api/v1/quote') return this.quote(req.query.get('symbol') ?? '');
    return { status: 404, body: '404 page not found' };
  }

  protected rateLimitAnswer(mode: Extract<FailureMode, { kind: 'rateLimit' }>): FakeResponse {
    const headers: Record<string, string> =
      mode.retryAfterSec === undefined ? {} : { 'retry-after': String(mode.retryAfterSec) };
    return {
      status: mode.status ?? 429,
      body: { error: 'API limit reached. Please try again later. Remaining Limit: 0' },
      headers,
    };
  }

  private candles(q: URLSearchParams): FakeResponse {
    const tf = RESOLUTIONS[q.get('resolution') ?? ''];
    if (!tf) return { status: 422, body: { error: 'Wrong resolution' } };
    const from = Number(q.get('from')) * 1000;
    const to = Number(q.get('to')) * 1000;
    const bars = (this.barsFor(q.get('symbol') ?? '', tf) ?? []).filter((b) => b.openTime >= from && b.openTime <= to);
    if (bars.length === 0) return { status: 200, body: { s: 'no_data' } };
    return {
      status: 200,
      body: {
        c: bars.map((b) => b.close),
        h: bars.map((b) => b.high),
        l: bars.map((b) => b.low),
        o: bars.map((b) => b.open),
        s: 'ok',
        t: bars.map((b) => Math.floor(b.openTime / 1000)),
        v: bars.map((b) => b.volume),
      },
    };
  }

  private quote(symbol: string): FakeResponse {
    const bars = this.barsFor(symbol, '1d') ?? this.barsFor(symbol, '1m');
    const last = bars?.[bars.length - 1];
    const prev = bars?.[bars.length - 2];
    if (!last) return { status: 200, body: { c: 0, d: null, dp: null, h: 0, l: 0, o: 0, pc: 0, t: 0 } };
    const pc = prev?.close ?? last.open;
    return {
      status: 200,
      body: {
        c: last.close,
        d: last.close - pc,
        dp: ((last.close - pc) / pc) * 100,
        h: last.high,
        l: last.low,
        o: last.open,
        pc,
        t: Math.floor(last.openTime / 1000),
      },
    };
  }
}
