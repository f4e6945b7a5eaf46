import type { Bar } from '../../../src/base/domain/bar.js';
import type { Timeframe } from '../../../src/base/domain/timeframe.js';
import {
  FakeVendorServer,
  type FailureMode,
  type FakeResponse,
  type FakeVendorOptions,
  type RecordedRequest,
} from './fake-vendor-server.js';

const SPANS: Record<string, Timeframe> = {
  '1/second': '1s',
  '1/minute': '1m',
  '3/minute': '3m',
  '5/minute': '5m',
  '15/minute': '15m',
  '30/minute': '30m',
  '1/hour': '1h',
  '2/hour': '2h',
  '4/hour': '4h',
  '6/hour': '6h',
  '8/hour': '8h',
  '12/hour': '12h',
  '1/day': '1d',
  '1/week': '1w',
};
const HOUR = 3_600_000;

export interface FakePolygonOptions extends FakeVendorOptions {
  /** Results per page, whatever `limit` asks (Polygon's real cap is 50000); small values force next_url paging. */
  maxLimit?: number;
}

/**
 * GET /v2/aggs/ticker/{t}/range/{mult}/{span}/{from}/{to} with `next_url` paging (a cursor, no key),
 * and /prev. Daily stamps are midnight New York, weekly ones the Sunday before, as Polygon's are.
 */
export class FakePolygonServer extends FakeVendorServer {
  /** `/v3/reference/tickers/{t}` answers by ticker (see polygonTicker). */
  readonly tickers = new Map<string, Record<string, unknown>>();
  /** `/v2/reference/news` results (see polygonArticle), filtered by ticker and published_utc. */
  readonly news: Array<Record<string, unknown>> = [];
  /** `/v3/snapshot/options/{underlying}` results by underlying (see polygonOptionSnapshot), paged by `limit`. */
  readonly optionChains = new Map<string, Array<Record<string, unknown>>>();

  constructor(
    private readonly apiKey: string,
    private readonly opts: FakePolygonOptions = {},
  ) {
    super(opts);
  }

  protected route(req: RecordedRequest): FakeResponse {
    if (req.query.get('apiKey') !== this.apiKey)
      return { status: 401, body: { status: 'ERROR', request_id: 'fake', error: 'Unknown API Key' } };
    const range = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/(\d+)\/(\w+)\/([^/]+)\/([^/]+)$/.exec(req.path);
    if (range) return this.aggs(decodeURIComponent(range[1]), `${range[2]}/${range[3]}`, range[4], range[5], req.query);
    const prev = /^\/v2\/aggs\/ticker\/([^/]+)\/prev$/.exec(req.path);
    if (prev) return this.prev(decodeURIComponent(prev[1]));
    const ticker = /^\/v3\/reference\/tickers\/([^/]+)$/.exec(req.path);
    if (ticker) {
      const t = this.tickers.get(decodeURIComponent(ticker[1]));
      return t
        ? { status: 200, body: t }
        : { status: 404, body: { status: 'NOT_FOUND', request_id: 'fake', message: 'Ticker not found.' } };
    }
    if (req.path === '/v2/reference/news') return this.referenceNews(req.query);
    const chain = /^\/v3\/snapshot\/options\/([^/]+)$/.exec(req.path);
    if (chain) return this.optionChain(decodeURIComponent(chain[1]), req.query);
    return { status: 404, body: { status: 'NOT_FOUND', request_id: 'fake', message: 'Not found' } };
  }

  private referenceNews(q: URLSearchParams): FakeResponse {
    const from = Date.parse(q.get('published_utc.gte') ?? '1970-01-01T00:00:00Z');
    const to = Date.parse(q.get('published_utc.lte') ?? '2999-01-01T00:00:00Z');
    const ticker = q.get('ticker');
    const results = this.news.filter((a) => {
      const t = Date.parse(a.published_utc as string);
      return t >= from && t <= to && (!ticker || (a.tickers as string[]).includes(ticker));
    });
    return { status: 200, body: { results, status: 'OK', request_id: 'fake', count: results.length } };
  }

  /** Sorted by expiration; `next_url` carries a cursor (the offset) and no key, as Polygon's does. */
  private optionChain(underlying: string, q: URLSearchParams): FakeResponse {
    const all = [...(this.optionChains.get(underlying) ?? [])].sort((a, b) =>
      String((a.details as Record<string, unknown>).expiration_date).localeCompare(
        String((b.details as Record<string, unknown>).expiration_date),
      ),
    );
    const offset = Number(q.get('cursor') ?? 0);
    const limit = Math.min(Number(q.get('limit') ?? 10), 250, this.opts.maxLimit ?? 250);
    const results = all.slice(offset, offset + limit);
    const body: Record<string, unknown> = { results, status: 'OK', request_id: 'fake' };
    if (offset + limit < all.length)
      body.next_url = `${this.baseUrl}/v3/snapshot/options/${encodeURIComponent(underlying)}?cursor=${offset + limit}&limit=${limit}`;
    return { status: 200, body };
  }

  protected rateLimitAnswer(mode: Extract<FailureMode, { kind: 'rateLimit' }>): FakeResponse {
    const headers: Record<string, string> =
      mode.retryAfterSec === undefined ? {} : { 'retry-after': String(mode.retryAfterSec) };
    return {
      status: mode.status ?? 429,
      headers,
      body: {
        status: 'ERROR',
        request_id: 'fake',
        error:
          "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing",
      },
    };
  }

  private aggs(ticker: string, span: string, fromRaw: string, toRaw: string, q: URLSearchParams): FakeResponse {
    const tf = SPANS[span];
    if (!tf) return { status: 400, body: { status: 'ERROR', request_id: 'fake', error: `unsupported range ${span}` } };
    const cursor = q.get('cursor') ? new URLSearchParams(Buffer.from(q.get('cursor')!, 'base64url').toString()) : null;
    const limit = Math.min(Number(cursor?.get('limit') ?? q.get('limit') ?? 5000), this.opts.maxLimit ?? 50_000);
    const [from, to] = [parseTime(fromRaw), parseTime(toRaw)];
    const all = (this.barsFor(ticker, tf) ?? []).filter((b) => b.openTime >= from && b.openTime <= to);
    const page = all.slice(0, limit);
    const body: Record<string, unknown> = {
      ticker,
      queryCount: page.length,
      resultsCount: page.length,
      adjusted: true,
      status: 'OK',
      request_id: 'fake',
    };
    if (page.length > 0) body.results = page.map((b) => this.agg(b, tf));
    if (all.length > limit) {
      const next = all[limit].openTime;
      const c = Buffer.from(`limit=${limit}&sort=asc`).toString('base64url');
      body.next_url = `${this.baseUrl}/v2/aggs/ticker/${encodeURIComponent(ticker)}/range/${span}/${next}/${toRaw}?cursor=${c}`;
    }
    return { status: 200, body };
  }

  private prev(ticker: string): FakeResponse {
    const bars = this.barsFor(ticker, '1d') ?? [];
    const last = bars[bars.length - 1];
    const body = {
      ticker,
      queryCount: last ? 1 : 0,
      resultsCount: last ? 1 : 0,
      adjusted: true,
      status: 'OK',
      request_id: 'fake',
    };
    return { status: 200, body: last ? { ...body, results: [{ T: ticker, ...this.agg(last, '1d') }] } : body };
  }

  private agg(b: Bar, tf: Timeframe) {
    const t = tf === '1d' ? b.openTime + 5 * HOUR : tf === '1w' ? b.openTime - 24 * HOUR + 5 * HOUR : b.openTime;
    return { v: b.volume, vw: (b.high + b.low + b.close) / 3, o: b.open, c: b.close, h: b.high, l: b.low, t, n: 100 };
  }
}

/** Polygon takes either a date (YYYY-MM-DD) or a ms timestamp. */
function parseTime(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) : Date.parse(`${raw}T00:00:00Z`);
}
