import type { DateRange, NewsQuery, ReferenceSource } from '../core/reference-source.js';
import {
  isoDate,
  num,
  str,
  type CompanyRecord,
  type EarningsHour,
  type EarningsRecord,
  type EconomicEventRecord,
  type NewsRecord,
  type OptionContractRecord,
  type OptionsChainRecord,
  type QuoteRecord,
} from '../core/records.js';
import { finnhubApi } from '../../market-data/providers/finnhub.provider.js';
import { isRecord, type KeyedVendorConfig, type VendorApi } from '../../market-data/providers/vendor-api.js';

const SYMBOL = /^[A-Z][A-Z0-9.-]{0,11}$/;
const MILLION = 1_000_000;

/**
 * Finnhub documents all six kinds (https://finnhub.io/docs/api): `/quote`, `/stock/profile2`,
 * `/company-news` and `/news`, `/calendar/earnings`, `/calendar/economic`, `/stock/option-chain`.
 * The key travels as `token`, as for `/stock/candle`.
 */
export class FinnhubReference implements ReferenceSource {
  readonly name = 'finnhub';
  private readonly http: VendorApi;

  constructor(config: KeyedVendorConfig) {
    this.http = finnhubApi(config);
  }

  serves(symbol: string): boolean {
    return SYMBOL.test(symbol);
  }

  /** `{c,d,dp,h,l,o,pc,t}`; an unknown symbol answers zeros with `t: 0`. */
  async quote(symbol: string, signal?: AbortSignal): Promise<QuoteRecord> {
    const b = await this.get('/quote', { symbol }, signal);
    const price = num(b.c);
    const t = num(b.t);
    if (price === null || t === null) throw this.http.error('invalidResponse', `quote for ${symbol} has no c/t`);
    if (t === 0) throw this.http.error('notFound', `no quote for ${symbol}`);
    return {
      symbol,
      price,
      change: num(b.d),
      changePercent: num(b.dp),
      open: num(b.o),
      high: num(b.h),
      low: num(b.l),
      previousClose: num(b.pc),
      volume: null,
      quoteTime: t * 1000,
    };
  }

  /** `/stock/profile2` answers `{}` for a symbol it does not know; market cap and shares are in millions. */
  async company(symbol: string, signal?: AbortSignal): Promise<CompanyRecord> {
    const b = await this.get('/stock/profile2', { symbol }, signal);
    if (Object.keys(b).length === 0) throw this.http.error('notFound', `no company profile for ${symbol}`);
    const name = str(b.name);
    if (!name) throw this.http.error('invalidResponse', `profile2 for ${symbol} has no name`);
    const cap = num(b.marketCapitalization);
    const shares = num(b.shareOutstanding);
    return {
      symbol,
      name,
      exchange: str(b.exchange),
      country: str(b.country),
      currency: str(b.currency),
      industry: str(b.finnhubIndustry),
      marketCap: cap === null ? null : cap * MILLION,
      sharesOutstanding: shares === null ? null : shares * MILLION,
      ipoDate: str(b.ipo),
      website: str(b.weburl),
      logo: str(b.logo),
      description: null,
    };
  }

  /** `{earningsCalendar: [{date, hour, year, quarter, epsEstimate, epsActual, revenueEstimate, revenueActual, symbol}]}`. */
  async earnings(symbol: string | null, range: DateRange, signal?: AbortSignal): Promise<EarningsRecord[]> {
    const params: Record<string, string> = { from: range.from, to: range.to };
    if (symbol) params.symbol = symbol;
    const b = await this.get('/calendar/earnings', params, signal);
    if (!Array.isArray(b.earningsCalendar))
      throw this.http.error('invalidResponse', 'calendar/earnings has no earningsCalendar array');
    return b.earningsCalendar.flatMap((e: unknown): EarningsRecord[] => {
      if (!isRecord(e) || !str(e.symbol) || !str(e.date) || num(e.year) === null || num(e.quarter) === null) return [];
      const hour = ['bmo', 'amc', 'dmh'].includes(e.hour as string) ? (e.hour as EarningsHour) : null;
      return [
        {
          symbol: str(e.symbol)!,
          date: str(e.date)!,
          hour,
          year: num(e.year)!,
          quarter: num(e.quarter)!,
          epsEstimate: num(e.epsEstimate),
          epsActual: num(e.epsActual),
          revenueEstimate: num(e.revenueEstimate),
          revenueActual: num(e.revenueActual),
        },
      ];
    });
  }

  /** `/company-news` (dates, inclusive) for a symbol, `/news?category=general` otherwise; `datetime` in seconds. */
  async news(q: NewsQuery, signal?: AbortSignal): Promise<NewsRecord[]> {
    const body = q.symbol
      ? await this.getAny('/company-news', { symbol: q.symbol, from: isoDate(q.fromMs), to: isoDate(q.toMs) }, signal)
      : await this.getAny('/news', { category: 'general' }, signal);
    if (!Array.isArray(body)) throw this.http.error('invalidResponse', 'news answer is not an array');
    return body.flatMap((a: unknown): NewsRecord[] => {
      if (!isRecord(a)) return [];
      const url = str(a.url);
      const headline = str(a.headline);
      const t = num(a.datetime);
      if (!url || !headline || t === null) return [];
      const publishedAt = t * 1000;
      if (publishedAt < q.fromMs || publishedAt > q.toMs) return [];
      const related = (str(a.related) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return [
        {
          vendorId: a.id === undefined || a.id === null ? null : String(a.id),
          headline,
          summary: str(a.summary),
          source: str(a.source),
          url,
          imageUrl: str(a.image),
          publishedAt,
          category: str(a.category),
          symbols: [...new Set([...(q.symbol ? [q.symbol] : []), ...related])],
        },
      ];
    });
  }

  /** `{economicCalendar: [{country, event, time: "YYYY-MM-DD HH:MM:SS" (UTC), impact, actual, estimate, prev, unit}]}`. */
  async economicEvents(range: DateRange, signal?: AbortSignal): Promise<EconomicEventRecord[]> {
    const b = await this.get('/calendar/economic', { from: range.from, to: range.to }, signal);
    if (!Array.isArray(b.economicCalendar))
      throw this.http.error('invalidResponse', 'calendar/economic has no economicCalendar array');
    return b.economicCalendar.flatMap((e: unknown): EconomicEventRecord[] => {
      if (!isRecord(e)) return [];
      const time = typeof e.time === 'string' ? Date.parse(`${e.time.replace(' ', 'T')}Z`) : NaN;
      const country = str(e.country);
      const event = str(e.event);
      if (!country || !event || Number.isNaN(time)) return [];
      return [
        {
          country: country.toUpperCase(),
          event,
          time,
          impact: str(e.impact),
          actual: num(e.actual),
          estimate: num(e.estimate),
          previous: num(e.prev),
          unit: str(e.unit),
        },
      ];
    });
  }

  /** `{code, lastTradePrice, data: [{expirationDate, options: {CALL: [...], PUT: [...]}}]}`. */
  async optionsChain(symbol: string, signal?: AbortSignal): Promise<OptionsChainRecord> {
    const b = await this.get('/stock/option-chain', { symbol }, signal);
    if (!Array.isArray(b.data))
      throw this.http.error('invalidResponse', `option-chain for ${symbol} has no data array`);
    if (b.data.length === 0) throw this.http.error('notFound', `no option chain for ${symbol}`);
    const contracts: OptionContractRecord[] = [];
    for (const exp of b.data) {
      if (!isRecord(exp) || !isRecord(exp.options)) continue;
      for (const [side, type] of [
        ['CALL', 'call'],
        ['PUT', 'put'],
      ] as const) {
        const list = exp.options[side];
        if (Array.isArray(list)) for (const c of list) contracts.push(...contractOf(c, type, str(exp.expirationDate)));
      }
    }
    return { symbol, underlyingPrice: num(b.lastTradePrice), contracts };
  }

  private get(path: string, params: Record<string, string>, signal?: AbortSignal) {
    return this.http.getObject(`/api/v1${path}`, params, { signal });
  }

  private getAny(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    return this.http.getJson(`/api/v1${path}`, params, { signal });
  }
}

function contractOf(c: unknown, type: 'call' | 'put', expiration: string | null): OptionContractRecord[] {
  if (!isRecord(c)) return [];
  const contract = str(c.contractName);
  const strike = num(c.strike);
  const exp = str(c.expirationDate) ?? expiration;
  if (!contract || strike === null || !exp) return [];
  return [
    {
      contract,
      type,
      expiration: exp.slice(0, 10),
      strike,
      lastPrice: num(c.lastPrice),
      bid: num(c.bid),
      ask: num(c.ask),
      volume: num(c.volume),
      openInterest: num(c.openInterest),
      impliedVolatility: num(c.impliedVolatility),
      delta: num(c.delta),
      gamma: num(c.gamma),
      theta: num(c.theta),
      vega: num(c.vega),
      inTheMoney:
        c.inTheMoney === 'TRUE' || c.inTheMoney === true
          ? true
          : c.inTheMoney === 'FALSE' || c.inTheMoney === false
            ? false
            : null,
    },
  ];
}
