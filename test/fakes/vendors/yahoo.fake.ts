import type { Bar } from '../../../src/base/domain/bar.js';
import type { Timeframe } from '../../../src/base/domain/timeframe.js';
import { FakeVendorServer, type FailureMode, type FakeResponse, type RecordedRequest } from './fake-vendor-server.js';

const INTERVALS: Record<string, Timeframe> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '60m': '1h',
  '1h': '1h',
  '1d': '1d',
  '1wk': '1w',
};
/** Yahoo stamps US daily bars at the 09:30 New York open (14:30Z in winter), not at midnight UTC. */
const DAILY_STAMP_OFFSET_MS = 14.5 * 3_600_000;

/** GET /v8/finance/chart/{symbol} with Yahoo's column arrays and `chart.error` shape. */
export class FakeYahooServer extends FakeVendorServer {
  protected route(req: RecordedRequest): FakeResponse {
    const m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(req.path);
    if (!m)
      return {
        status: 404,
        body: { finance: { result: null, error: { code: 'Not Found', description: 'HTTP 404 Not Found' } } },
      };
    const symbol = decodeURIComponent(m[1]);
    const interval = req.query.get('interval') ?? '1d';
    const tf = INTERVALS[interval];
    if (!tf)
      return this.chartError(
        400,
        'Bad Request',
        `Invalid input - interval=${interval} is not supported. Valid intervals: [1m, 2m, 5m, 15m, 30m, 60m, 90m, 1h, 1d, 5d, 1wk, 1mo, 3mo]`,
      );
    const all = this.hasSymbol(symbol) ? (this.barsFor(symbol, tf) ?? []) : undefined;
    if (!all) return this.chartError(404, 'Not Found', 'No data found, symbol may be delisted');
    const bars = this.window(all, req.query);
    return { status: 200, body: { chart: { result: [this.result(symbol, interval, tf, all, bars)], error: null } } };
  }

  protected rateLimitAnswer(mode: Extract<FailureMode, { kind: 'rateLimit' }>): FakeResponse {
    const headers: Record<string, string> =
      mode.retryAfterSec === undefined ? {} : { 'retry-after': String(mode.retryAfterSec) };
    return {
      status: mode.status ?? 429,
      body: 'Too Many Requests\r\n',
      headers: { 'content-type': 'text/html', ...headers },
    };
  }

  private window(all: Bar[], q: URLSearchParams): Bar[] {
    if (!q.has('period1')) return all.slice(-1); // range=1d: the latest session only
    const from = Number(q.get('period1')) * 1000;
    const to = Number(q.get('period2')) * 1000;
    return all.filter((b) => b.openTime >= from && b.openTime < to);
  }

  private result(symbol: string, interval: string, tf: Timeframe, all: Bar[], bars: Bar[]) {
    const last = all[all.length - 1];
    const stamp = (b: Bar) => Math.floor((tf === '1d' ? b.openTime + DAILY_STAMP_OFFSET_MS : b.openTime) / 1000);
    const meta = {
      currency: 'USD',
      symbol,
      exchangeName: 'PCX',
      instrumentType: 'ETF',
      gmtoffset: -18000,
      timezone: 'EST',
      exchangeTimezoneName: 'America/New_York',
      regularMarketPrice: last?.close,
      regularMarketTime: last ? Math.floor(last.closeTime / 1000) : undefined,
      dataGranularity: interval,
      range: '',
    };
    if (bars.length === 0) return { meta }; // Yahoo omits timestamp and indicators when the range is empty
    return {
      meta,
      timestamp: bars.map(stamp),
      indicators: {
        quote: [
          {
            open: bars.map((b) => b.open),
            high: bars.map((b) => b.high),
            low: bars.map((b) => b.low),
            close: bars.map((b) => b.close),
            volume: bars.map((b) => b.volume),
          },
        ],
      },
    };
  }

  private chartError(status: number, code: string, description: string): FakeResponse {
    return { status, body: { chart: { result: null, error: { code, description } } } };
  }
}
