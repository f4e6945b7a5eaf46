import type { NewsQuery, ReferenceSource } from '../core/reference-source.js';
import { num, str, type CompanyRecord, type NewsRecord, type QuoteRecord } from '../core/records.js';
import { polygonApi } from '../../market-data/providers/polygon.provider.js';
import { isRecord, type KeyedVendorConfig, type VendorApi } from '../../market-data/providers/vendor-api.js';

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;
const NEWS_LIMIT = '1000';

/**
 * Polygon.io (https://polygon.io/docs/stocks): quotes from `/v2/aggs/ticker/{t}/prev` (the previous
 * session's bar, on every plan), companies from `/v3/reference/tickers/{t}`, news from
 * `/v2/reference/news`. The key travels as `apiKey`.
 */
export class PolygonReference implements ReferenceSource {
  readonly name = 'polygon';
  private readonly http: VendorApi;

  constructor(config: KeyedVendorConfig) {
    this.http = polygonApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  /** `{ticker, status: "OK", resultsCount, results: [{T, o, h, l, c, v, vw, t (ms, bar open)}]}`. */
  async quote(symbol: string, signal?: AbortSignal): Promise<QuoteRecord> {
    const b = await this.get(`/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev`, { adjusted: 'true' }, signal);
    if (!Array.isArray(b.results)) {
      if (b.resultsCount === 0) throw this.http.error('notFound', `no previous bar for ${symbol}`);
      throw this.http.error('invalidResponse', `aggs prev for ${symbol} has no results array`);
    }
    const r = b.results[0];
    if (!isRecord(r)) throw this.http.error('notFound', `no previous bar for ${symbol}`);
    const price = num(r.c);
    const t = num(r.t);
    if (price === null || t === null) throw this.http.error('invalidResponse', `aggs prev for ${symbol} has no c/t`);
    const open = num(r.o);
    return {
      symbol,
      price,
      change: open === null ? null : price - open,
      changePercent: open ? ((price - open) / open) * 100 : null,
      open,
      high: num(r.h),
      low: num(r.l),
      previousClose: null,
      volume: num(r.v),
      quoteTime: t,
    };
  }

  /** `{status: "OK", results: {ticker, name, primary_exchange, locale, currency_name, market_cap, ...}}`; 404 when unknown. */
  async company(symbol: string, signal?: AbortSignal): Promise<CompanyRecord> {
    const b = await this.get(`/v3/reference/tickers/${encodeURIComponent(symbol)}`, {}, signal);
    const r = b.results;
    if (!isRecord(r)) throw this.http.error('invalidResponse', `tickers/${symbol} has no results object`);
    const name = str(r.name);
    if (!name) throw this.http.error('invalidResponse', `tickers/${symbol} has no name`);
    const branding = isRecord(r.branding) ? r.branding : {};
    return {
      symbol,
      name,
      exchange: str(r.primary_exchange),
      country: str(r.locale)?.toUpperCase() ?? null,
      currency: str(r.currency_name)?.toUpperCase() ?? null,
      industry: str(r.sic_description),
      marketCap: num(r.market_cap),
      sharesOutstanding: num(r.share_class_shares_outstanding) ?? num(r.weighted_shares_outstanding),
      ipoDate: str(r.list_date),
      website: str(r.homepage_url),
      logo: str(branding.logo_url),
      description: str(r.description),
    };
  }

  /** `{status, count, results: [{id, publisher: {name}, title, published_utc, article_url, tickers, image_url, description}]}`. */
  async news(q: NewsQuery, signal?: AbortSignal): Promise<NewsRecord[]> {
    const params: Record<string, string> = {
      'published_utc.gte': new Date(q.fromMs).toISOString(),
      'published_utc.lte': new Date(q.toMs).toISOString(),
      order: 'desc',
      limit: NEWS_LIMIT,
    };
    if (q.symbol) params.ticker = q.symbol;
    const b = await this.get('/v2/reference/news', params, signal);
    if (!Array.isArray(b.results)) throw this.http.error('invalidResponse', 'reference/news has no results array');
    return b.results.flatMap((a: unknown): NewsRecord[] => {
      if (!isRecord(a)) return [];
      const url = str(a.article_url);
      const headline = str(a.title);
      const publishedAt = typeof a.published_utc === 'string' ? Date.parse(a.published_utc) : NaN;
      if (!url || !headline || Number.isNaN(publishedAt)) return [];
      const tickers = Array.isArray(a.tickers) ? a.tickers.filter((t): t is string => typeof t === 'string') : [];
      return [
        {
          vendorId: str(a.id),
          headline,
          summary: str(a.description),
          source: isRecord(a.publisher) ? str(a.publisher.name) : null,
          url,
          imageUrl: str(a.image_url),
          publishedAt,
          category: null,
          symbols: [...new Set([...(q.symbol ? [q.symbol] : []), ...tickers])],
        },
      ];
    });
  }

  private get(path: string, params: Record<string, string>, signal?: AbortSignal) {
    return this.http.getObject(path, params, { signal });
  }
}
