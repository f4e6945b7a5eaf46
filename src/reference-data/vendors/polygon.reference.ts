import type { NewsQuery, ReferenceSource } from '../core/reference-source.js';
import {
  isDate,
  percentOf,
  num,
  str,
  type CompanyRecord,
  type NewsRecord,
  type OptionContractRecord,
  type OptionsChainRecord,
  type QuoteRecord,
} from '../core/records.js';
import { polygonApi } from '../../market-data/providers/polygon.provider.js';
import { isRecord, type KeyedVendorConfig, type VendorApi } from '../../market-data/providers/vendor-api.js';

const SYMBOL = /^[A-Z][A-Z0-9.]{0,9}$/;
const NEWS_LIMIT = '1000';
/** The chain snapshot's page size (its maximum) and how many `next_url` pages one chain may take. */
const CHAIN_LIMIT = '250';
const CHAIN_MAX_PAGES = 8;

/**
 * Polygon.io (https://polygon.io/docs/stocks): quotes from `/v2/aggs/ticker/{t}/prev` (the previous
 * session's bar, on every plan), companies from `/v3/reference/tickers/{t}`, news from
 * `/v2/reference/news`, option chains from `/v3/snapshot/options/{underlying}`. The key travels as
 * `apiKey`. Polygon documents no earnings or economic calendar.
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

  /**
   * `/v3/snapshot/options/{underlying}` (Options plans): `{status, results: [{details: {ticker,
   * contract_type, expiration_date, strike_price}, day: {close, volume}, last_quote: {bid, ask},
   * last_trade?: {price}, greeks: {delta, gamma, theta, vega}, implied_volatility (a fraction),
   * open_interest, underlying_asset: {price}}], next_url?}`, nearest expirations first here.
   */
  async optionsChain(symbol: string, signal?: AbortSignal): Promise<OptionsChainRecord> {
    const contracts: OptionContractRecord[] = [];
    let underlyingPrice: number | null = null;
    let path: string | null = `/v3/snapshot/options/${encodeURIComponent(symbol)}`;
    let params: Record<string, string> = { sort: 'expiration_date', order: 'asc', limit: CHAIN_LIMIT };
    for (let page = 0; path && page < CHAIN_MAX_PAGES; page++) {
      const b = await this.get(path, params, signal);
      // An underlying without options answers `status: "OK"` and no (or empty) results.
      const results = b.results === undefined && b.status === 'OK' ? [] : b.results;
      if (!Array.isArray(results))
        throw this.http.error('invalidResponse', `snapshot/options/${symbol} has no results array`);
      for (const r of results) {
        if (!isRecord(r)) continue;
        const price = isRecord(r.underlying_asset) ? num(r.underlying_asset.price) : null;
        underlyingPrice ??= price;
        contracts.push(...polygonContract(r, price));
      }
      path = typeof b.next_url === 'string' ? b.next_url : null; // carries its cursor and filters
      params = {};
    }
    if (contracts.length === 0) throw this.http.error('notFound', `no option chain for ${symbol}`);
    return { symbol, underlyingPrice, contracts };
  }

  private get(path: string, params: Record<string, string>, signal?: AbortSignal) {
    return this.http.getObject(path, params, { signal });
  }
}

function polygonContract(r: Record<string, unknown>, underlying: number | null): OptionContractRecord[] {
  const d = isRecord(r.details) ? r.details : {};
  const ticker = str(d.ticker);
  const strike = num(d.strike_price);
  const type = d.contract_type === 'call' || d.contract_type === 'put' ? d.contract_type : null;
  if (!ticker || strike === null || !type || !isDate(d.expiration_date)) return [];
  const day = isRecord(r.day) ? r.day : {};
  const quote = isRecord(r.last_quote) ? r.last_quote : {};
  const greeks = isRecord(r.greeks) ? r.greeks : {};
  return [
    {
      contract: ticker.replace(/^O:/, ''), // the OCC symbol, as Finnhub and Alpha Vantage spell it
      type,
      expiration: d.expiration_date,
      strike,
      lastPrice: (isRecord(r.last_trade) ? num(r.last_trade.price) : null) ?? num(day.close),
      bid: num(quote.bid),
      ask: num(quote.ask),
      volume: num(day.volume),
      openInterest: num(r.open_interest),
      impliedVolatility: percentOf(num(r.implied_volatility)),
      delta: num(greeks.delta),
      gamma: num(greeks.gamma),
      theta: num(greeks.theta),
      vega: num(greeks.vega),
      inTheMoney: underlying === null ? null : type === 'call' ? underlying > strike : underlying < strike,
    },
  ];
}
