import { csvRows } from '../core/csv-rows.js';
import type { DateRange, NewsQuery, ReferenceSource } from '../core/reference-source.js';
import {
  isDate,
  percentOf,
  num,
  str,
  type CompanyRecord,
  type EarningsRecord,
  type NewsRecord,
  type OptionContractRecord,
  type OptionsChainRecord,
  type QuoteRecord,
} from '../core/records.js';
import { alphaVantageApi } from '../../market-data/providers/alphavantage.provider.js';
import { isRecord, type KeyedVendorConfig, type VendorApi } from '../../market-data/providers/vendor-api.js';

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,11}$/;
const DAY_MS = 86_400_000;
/** EARNINGS_CALENDAR's columns (https://www.alphavantage.co/documentation/#earnings-calendar). */
const EARNINGS_COLUMNS = ['symbol', 'reportDate', 'fiscalDateEnding', 'estimate'];

/**
 * Alpha Vantage (https://www.alphavantage.co/documentation/): `GLOBAL_QUOTE`, `OVERVIEW`,
 * `NEWS_SENTIMENT`, `EARNINGS_CALENDAR` (CSV) and `HISTORICAL_OPTIONS` of `/query`. Every answer is
 * HTTP 200: problems come as `Error Message`, `Note` or `Information` bodies (alphaVantageApi), and
 * an unknown symbol as an empty object. No economic calendar: Alpha Vantage documents indicator
 * series (CPI, REAL_GDP, ...), not the dates of coming releases.
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

  /**
   * `EARNINGS_CALENDAR` answers CSV (`symbol,name,reportDate,fiscalDateEnding,estimate,currency`) for
   * the next 3, 6 or 12 months (`horizon`), so the range's end picks the horizon and rows outside it
   * are dropped. The vendor names a period by the day it ends: `year`/`quarter` are that day's
   * calendar quarter (Finnhub numbers fiscal quarters, which differ for a non-calendar fiscal year).
   */
  async earnings(symbol: string | null, range: DateRange, signal?: AbortSignal): Promise<EarningsRecord[]> {
    const months = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / (30 * DAY_MS);
    const params: Record<string, string> = {
      function: 'EARNINGS_CALENDAR',
      horizon: months <= 3 ? '3month' : months <= 6 ? '6month' : '12month',
    };
    if (symbol) params.symbol = symbol;
    const csv = csvRows(await this.http.getText('/query', params, { signal }));
    if (!csv || !EARNINGS_COLUMNS.every((c) => csv.header.includes(c)))
      throw this.http.error('invalidResponse', 'EARNINGS_CALENDAR answer is not its CSV');
    return csv.rows.flatMap((r): EarningsRecord[] => {
      const ends = r.fiscalDateEnding;
      if (!str(r.symbol) || !isDate(r.reportDate) || !isDate(ends)) return [];
      if (r.reportDate < range.from || r.reportDate > range.to) return [];
      return [
        {
          symbol: r.symbol,
          date: r.reportDate,
          hour: null,
          year: Number(ends.slice(0, 4)),
          quarter: Math.ceil(Number(ends.slice(5, 7)) / 3),
          epsEstimate: num(r.estimate),
          epsActual: null,
          revenueEstimate: null,
          revenueActual: null,
        },
      ];
    });
  }

  /**
   * `HISTORICAL_OPTIONS` (the previous session's chain, on the free key; `REALTIME_OPTIONS` is
   * premium): `{endpoint, message, data: [{contractID, expiration, strike, type, last, bid, ask,
   * volume, open_interest, implied_volatility (a fraction), delta, gamma, theta, vega, ...}]}`, all
   * numbers as strings. No underlying price is given.
   */
  async optionsChain(symbol: string, signal?: AbortSignal): Promise<OptionsChainRecord> {
    const b = await this.query({ function: 'HISTORICAL_OPTIONS', symbol }, signal);
    if (!Array.isArray(b.data))
      throw this.http.error('invalidResponse', `HISTORICAL_OPTIONS for ${symbol} has no data`);
    if (b.data.length === 0) throw this.http.error('notFound', `no option chain for ${symbol}`);
    return { symbol, underlyingPrice: null, contracts: b.data.flatMap(avContract) };
  }

  private query(params: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.http.getObject('/query', params, { signal });
  }
}

/** `YYYYMMDDTHHMM`, the format of NEWS_SENTIMENT's time_from/time_to. */
function avTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13);
}

function avContract(c: unknown): OptionContractRecord[] {
  if (!isRecord(c)) return [];
  const contract = str(c.contractID);
  const strike = num(c.strike);
  const type = c.type === 'call' || c.type === 'put' ? c.type : null;
  if (!contract || strike === null || !type || !isDate(c.expiration)) return [];
  return [
    {
      contract,
      type,
      expiration: c.expiration,
      strike,
      lastPrice: num(c.last),
      bid: num(c.bid),
      ask: num(c.ask),
      volume: num(c.volume),
      openInterest: num(c.open_interest),
      impliedVolatility: percentOf(num(c.implied_volatility)),
      delta: num(c.delta),
      gamma: num(c.gamma),
      theta: num(c.theta),
      vega: num(c.vega),
      inTheMoney: null,
    },
  ];
}
