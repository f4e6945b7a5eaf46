/**
 * What the data job types store, vendor-neutral (CONTRACT §8). Each vendor adapter transforms its
 * own documented JSON into these; the repository upserts them. Times are epoch milliseconds,
 * calendar dates `YYYY-MM-DD` (an earnings date has no time of day), money in the quote currency.
 */
export interface QuoteRecord {
  symbol: string;
  price: number;
  change: number | null;
  changePercent: number | null;
  open: number | null;
  high: number | null;
  low: number | null;
  previousClose: number | null;
  volume: number | null;
  /** When the vendor says the price was observed. */
  quoteTime: number;
}

export interface CompanyRecord {
  symbol: string;
  name: string;
  exchange: string | null;
  country: string | null;
  currency: string | null;
  industry: string | null;
  /** In units of the currency (Finnhub's millions are multiplied out). */
  marketCap: number | null;
  sharesOutstanding: number | null;
  ipoDate: string | null;
  website: string | null;
  logo: string | null;
  description: string | null;
}

export type EarningsHour = 'bmo' | 'amc' | 'dmh' | null;

export interface EarningsRecord {
  symbol: string;
  date: string;
  hour: EarningsHour;
  year: number;
  quarter: number;
  epsEstimate: number | null;
  epsActual: number | null;
  revenueEstimate: number | null;
  revenueActual: number | null;
}

export interface NewsRecord {
  /** The vendor's own id of the article (null when it gives none). */
  vendorId: string | null;
  headline: string;
  summary: string | null;
  source: string | null;
  url: string;
  imageUrl: string | null;
  publishedAt: number;
  category: string | null;
  /** Symbols the article is about (the one asked for, plus any the vendor lists). */
  symbols: string[];
}

export interface EconomicEventRecord {
  country: string;
  event: string;
  time: number;
  impact: string | null;
  actual: number | null;
  estimate: number | null;
  previous: number | null;
  unit: string | null;
}

export interface OptionContractRecord {
  contract: string;
  type: 'call' | 'put';
  expiration: string;
  strike: number;
  lastPrice: number | null;
  bid: number | null;
  ask: number | null;
  volume: number | null;
  openInterest: number | null;
  /** In percent, as Finnhub sends it (Polygon's and Alpha Vantage's fractions are multiplied by 100). */
  impliedVolatility: number | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  inTheMoney: boolean | null;
}

export interface OptionsChainRecord {
  symbol: string;
  underlyingPrice: number | null;
  contracts: OptionContractRecord[];
}

/** A number the vendor may send as a number, a numeric string, null, "" or "None". */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && /^[-+]?\d*\.?\d+(e[-+]?\d+)?%?$/i.test(v.trim())) {
    const n = Number(v.trim().replace(/%$/, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' && v !== 'None' ? v.trim() : null;
}

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const isDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** A vendor's fraction (0.285) as the percent the records hold (28.5), without float noise. */
export function percentOf(fraction: number | null): number | null {
  return fraction === null ? null : Number((fraction * 100).toPrecision(12));
}
