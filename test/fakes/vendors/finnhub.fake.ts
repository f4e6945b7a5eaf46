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

/** Finnhub's documented JSON for its reference endpoints, as the fake serves it. */
export interface FinnhubReferenceData {
  quotes: Map<string, Record<string, unknown>>;
  profiles: Map<string, Record<string, unknown>>;
  /** `/company-news` articles per symbol (`datetime` in seconds), filtered by the from/to dates. */
  companyNews: Map<string, Array<Record<string, unknown>>>;
  /** `/news?category=general`. */
  generalNews: Array<Record<string, unknown>>;
  /** `/calendar/earnings` rows (`date` YYYY-MM-DD), filtered by from/to and symbol. */
  earnings: Array<Record<string, unknown>>;
  /** `/calendar/economic` rows (`time` "YYYY-MM-DD HH:MM:SS"), filtered by from/to. */
  economic: Array<Record<string, unknown>>;
  optionChains: Map<string, Record<string, unknown>>;
}

const inDates = (date: string, q: URLSearchParams) =>
  date.slice(0, 10) >= (q.get('from') ?? '0000-00-00') && date.slice(0, 10) <= (q.get('to') ?? '9999-99-99');

/**
 * GET /api/v1/stock/candle and /api/v1/quote, keyed by `token`, in Finnhub's column-array shape;
 * plus the reference endpoints (`/stock/profile2`, `/company-news`, `/news`, `/calendar/earnings`,
 * `/calendar/economic`, `/stock/option-chain`) from `reference`, answering as Finnhub does for an
 * unknown symbol (`{}`, `[]`, zeros).
 */
export class FakeFinnhubServer extends FakeVendorServer {
  readonly reference: FinnhubReferenceData = {
    quotes: new Map(),
    profiles: new Map(),
    companyNews: new Map(),
    generalNews: [],
    earnings: [],
    economic: [],
    optionChains: new Map(),
  };

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
    return this.referenceRoute(req.path, req.query) ?? { status: 404, body: '404 page not found' };
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

  private referenceRoute(path: string, q: URLSearchParams): FakeResponse | null {
    const r = this.reference;
    const symbol = q.get('symbol') ?? '';
    switch (path) {
      case '/api/v1/stock/profile2':
        return { status: 200, body: r.profiles.get(symbol) ?? {} };
      case '/api/v1/company-news':
        if (!q.get('from') || !q.get('to')) return { status: 422, body: { error: 'Wrong date format' } };
        return {
          status: 200,
          body: (r.companyNews.get(symbol) ?? []).filter((a) =>
            inDates(new Date((a.datetime as number) * 1000).toISOString(), q),
          ),
        };
      case '/api/v1/news':
        return { status: 200, body: q.get('category') === 'general' ? r.generalNews : [] };
      case '/api/v1/calendar/earnings':
        return {
          status: 200,
          body: {
            earningsCalendar: r.earnings.filter(
              (e) => inDates(e.date as string, q) && (!q.get('symbol') || e.symbol === q.get('symbol')),
            ),
          },
        };
      case '/api/v1/calendar/economic':
        return { status: 200, body: { economicCalendar: r.economic.filter((e) => inDates(e.time as string, q)) } };
      case '/api/v1/stock/option-chain':
        return { status: 200, body: r.optionChains.get(symbol) ?? { code: symbol, data: [] } };
      default:
        return null;
    }
  }

  private quote(symbol: string): FakeResponse {
    const set = this.reference.quotes.get(symbol);
    if (set) return { status: 200, body: set };
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
