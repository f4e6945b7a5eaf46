import type {
  CompanyRecord,
  EarningsRecord,
  EconomicEventRecord,
  NewsRecord,
  OptionsChainRecord,
  QuoteRecord,
} from './records.js';

/** The data kinds, one per data job type (CONTRACT §8). */
export const DATA_KINDS = ['quotes', 'companyInfo', 'earnings', 'news', 'economicEvents', 'optionsChain'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export interface DateRange {
  /** Inclusive `YYYY-MM-DD`. */
  from: string;
  /** Inclusive `YYYY-MM-DD`. */
  to: string;
}

export interface NewsQuery {
  /** Null: general market news. */
  symbol: string | null;
  fromMs: number;
  toMs: number;
}

/**
 * One vendor's reference data: each method it has is a capability (which data it documents).
 * Methods throw ProviderError (market-data's codes) so failover, retry and the breaker decide alike.
 */
export interface ReferenceSource {
  readonly name: string;
  /** Cheap, local guess whether the vendor lists the symbol (Binance: crypto pairs only). */
  serves(symbol: string): boolean;
  quote?(symbol: string, signal?: AbortSignal): Promise<QuoteRecord>;
  company?(symbol: string, signal?: AbortSignal): Promise<CompanyRecord>;
  /** Earnings in the range; for one symbol, or every company the vendor lists when null. */
  earnings?(symbol: string | null, range: DateRange, signal?: AbortSignal): Promise<EarningsRecord[]>;
  news?(query: NewsQuery, signal?: AbortSignal): Promise<NewsRecord[]>;
  economicEvents?(range: DateRange, signal?: AbortSignal): Promise<EconomicEventRecord[]>;
  optionsChain?(symbol: string, signal?: AbortSignal): Promise<OptionsChainRecord>;
}

/** The method that serves each kind: the capability lookup reads this one table. */
export const CAPABILITY: Record<DataKind, keyof ReferenceSource> = {
  quotes: 'quote',
  companyInfo: 'company',
  earnings: 'earnings',
  news: 'news',
  economicEvents: 'economicEvents',
  optionsChain: 'optionsChain',
};

export function offers(source: ReferenceSource, kind: DataKind): boolean {
  return typeof source[CAPABILITY[kind]] === 'function';
}
