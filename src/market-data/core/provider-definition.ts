import type { Timeframe } from '../../base/domain/timeframe.js';
import type { RateLimit } from '../../base/resilience/rate-limiter.js';
import type { MarketDataProvider } from './market-data-provider.js';

/**
 * What a provider offers. A new kind of data (company info, news, options …) is one more optional
 * key here, set in the entries of the providers that have it; `providersOffering` then finds them.
 */
export interface ProviderCapabilities {
  /** Timeframes of OHLCV bars it serves natively or by folding finer bars (none: no bars). */
  bars: readonly Timeframe[];
  /** `latestQuote` answers. */
  quote: boolean;
}

/** A capability a provider may have (a key of ProviderCapabilities). */
export type Capability = keyof ProviderCapabilities;

/** The deployment's settings of one provider, from `<NAME>_BASE_URL` and `<NAME>_API_KEY` (src/config). */
export interface ProviderSettings {
  baseUrl: string | null;
  apiKey: string | null;
}

/**
 * One market-data provider: its adapter file exports this next to the adapter class, and one line
 * in providers/provider-table.ts lists it. Config validation, alert and job validation, the
 * request DTOs, the failover chain's default order, the rate limits and the capability lookup all
 * read the table.
 */
export interface ProviderDefinition<N extends string = string> {
  /** The name requests, jobs and PROVIDER_PRIORITY use; its env variables are `<NAME>_…`. */
  readonly name: N;
  /** Default base URL, overridable with `<NAME>_BASE_URL`; null: the provider has no URL (csv). */
  readonly baseUrl: string | null;
  /** `required`: the provider is enabled only when `<NAME>_API_KEY` is set (a secret, redacted). */
  readonly apiKey: 'required' | 'none';
  /** Whether it is in the default PROVIDER_PRIORITY (in table order); csv is used only when named. */
  readonly inDefaultPriority: boolean;
  /** The vendor's documented free-tier limits (each HTTP attempt takes a token from every bucket). */
  readonly rateLimits: readonly RateLimit[];
  readonly capabilities: ProviderCapabilities;
  /** The adapter, for an enabled provider; `dataDir` is DATA_DIR. */
  create(settings: ProviderSettings & { dataDir: string }): MarketDataProvider;
}

/** Keeps the literal name, so the table's names form a union type. */
export function defineProvider<const N extends string>(definition: ProviderDefinition<N>): ProviderDefinition<N> {
  return definition;
}

/** The environment variable of a provider setting: `finnhub`, `API_KEY` → `FINNHUB_API_KEY`. */
export function providerEnv(name: string, setting: 'BASE_URL' | 'API_KEY'): string {
  return `${name.toUpperCase()}_${setting}`;
}
