import type { NewsQuery, ReferenceSource } from '../core/reference-source.js';
import { num, str, type CompanyRecord, type NewsRecord, type QuoteRecord } from '../core/records.js';
import { alphaVantageApi } from '../../market-data/providers/alphavantage.provider.js';
import { isRecord, type KeyedVendorConfig, type VendorApi } from '../../market-data/providers/vendor-api.js';

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,11}$/;

/**
 * Alpha Vantage (https://www.alphavantage.co/documentation/): `GLOBAL_QUOTE`, `OVERVIEW` and
 * `NEWS_SENTIMENT` of `/query`. Every answer is HTTP 200: problems come as `Error Message`, `Note`
 * or `Information` bodies, and an unknown symbol as an empty object.
 */
export class AlphaVantageReference implements ReferenceSource {
  readonly name = 'alphavantage';
  private readonly http: VendorApi;

  constructor(config: KeyedVendorConfig) {
    this.http = alphaVantageApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  /** `{"Global Quote": {"05. price", "07. latest trading day", "09. change", "10. change percent", ...}}`. */
  async quote(symbol: string, signal?: AbortSignal): Promise<QuoteRecord> {
    const b = await this.query({ function: 'GLOBAL_QUOTE', symbol }, signal);
    const q = b['Global Quote'];
    if (!isRecord(q)) throw this.http.error('invalidResponse', `GLOBAL_QUOTE for ${symbol} has no "Global Quote"`);
    if (Object.keys(q).length === 0) throw this.http.error('notFound', `no quote for ${symbol}`);
    const price = num(q['05. price']);
    const day = str(q['07. latest trading day']);
    const time = day ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (price === null || Number.isNaN(time))
      throw this.http.error('invalidResponse', `GLOBAL_QUOTE for ${symbol} has no price or trading day`);
    return {
      symbol,
      price,
      change: num(q['09. change']),
      changePercent: num(q['10. change percent']),
      open: num(q['02. open']),
      high: num(q['03. high']),
      low: num(q['04. low']),
      previousClose: num(q['08. previous close']),
      volume: num(q['06. volume']),
      quoteTime: time,
    };
  }

  /** `OVERVIEW`: `{Symbol, Name, Description, Exchange, Currency, Country, Industry, MarketCapitalization, ...}`; `{}` when unknown. */
  async company(symbol: string, signal?: AbortSignal): Promise<CompanyRecord> {
    const b = await this.query({ function: 'OVERVIEW', symbol }, signal);
    if (Object.keys(b).length === 0) throw this.http.error('notFound', `no company overview for ${symbol}`);
    const name = str(b.Name);
    if (!name) throw this.http.error('invalidResponse', `OVERVIEW for ${symbol} has no Name`);
    return {
      symbol,
      name,
      exchange: str(b.Exchange),
      country: str(b.Country),
      currency: str(b.Currency),
      industry: str(b.Industry),
      marketCap: num(b.MarketCapitalization),
      sharesOutstanding: num(b.SharesOutstanding),
      ipoDate: null,
      website: str(b.OfficialSite),
      logo: null,
      description: str(b.Description),
    };
  }

  /** `NEWS_SENTIMENT`: `{items, feed: [{title, url, time_published: "20240105T120000", summary, source, banner_image, ticker_sentiment}]}`. */
  async news(q: NewsQuery, signal?: AbortSignal): Promise<NewsRecord[]> {
    const params: Record<string, string> = {
      function: 'NEWS_SENTIMENT',
      time_from: avTime(q.fromMs),
      time_to: avTime(q.toMs),
      sort: 'LATEST',
      limit: '1000',
    };
    if (q.symbol) params.tickers = q.symbol;
    const b = await this.query(params, signal);
    if (!Array.isArray(b.feed)) throw this.http.error('invalidResponse', 'NEWS_SENTIMENT has no feed array');
    return b.feed.flatMap((a: unknown): NewsRecord[] => {
      if (!isRecord(a)) return [];
      const url = str(a.url);
      const headline = str(a.title);
      const m =
        typeof a.time_published === 'string' && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(a.time_published);
      if (!url || !headline || !m) return [];
      const tickers = Array.isArray(a.ticker_sentiment)
        ? a.ticker_sentiment.flatMap((t) => (isRecord(t) && typeof t.ticker === 'string' ? [t.ticker] : []))
        : [];
      return [
        {
          vendorId: null,
          headline,
          summary: str(a.summary),
          source: str(a.source),
          url,
          imageUrl: str(a.banner_image),
          publishedAt: Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]),
          category: str(a.category_within_source),
          symbols: [...new Set([...(q.symbol ? [q.symbol] : []), ...tickers])],
        },
      ];
    });
  }

  private query(params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.http.getObject('/query', params, { signal });
  }
}

/** `YYYYMMDDTHHMM`, the format of NEWS_SENTIMENT's time_from/time_to. */
function avTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13);
}
