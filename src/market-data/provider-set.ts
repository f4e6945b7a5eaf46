import type { Clock } from '../base/time/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import type { Bar } from '../base/domain/bar.js';
import type { Timeframe } from '../base/domain/timeframe.js';
import { GuardedProvider } from './core/guarded-provider.js';
import type { CandleQuery, LastCandlesQuery, MarketDataProvider, Quote } from './core/market-data-provider.js';
import type { ProviderDefinition } from './core/provider-definition.js';
import { isProviderError } from './core/provider-error.js';
import { PROVIDERS } from './providers/provider-table.js';

/** Injection token of the deployment's providers (GuardedProvider[]), in no particular order. */
export const MARKET_DATA_PROVIDERS = Symbol('MARKET_DATA_PROVIDERS');

/**
 * Counts each call that reaches a vendor adapter (every retry attempt, after the rate limiter),
 * by provider and outcome (`ok` or the ProviderError code), for `market_scheduler_provider_requests_total`.
 */
export class MeteredProvider implements MarketDataProvider {
  /** Present exactly when the vendor counts natively (GuardedProvider searches by ranges otherwise). */
  readonly fetchLastCandles?: (query: LastCandlesQuery) => Promise<Bar[]>;
  /** Present exactly when the vendor publishes a symbol list. */
  readonly listSymbols?: () => Promise<string[]>;

  constructor(
    private readonly inner: MarketDataProvider,
    private readonly count: (provider: string, outcome: string) => void,
  ) {
    if (inner.fetchLastCandles) this.fetchLastCandles = (q) => this.counted(() => inner.fetchLastCandles!(q));
    if (inner.listSymbols) this.listSymbols = () => this.counted(() => inner.listSymbols!());
  }

  get name(): string {
    return this.inner.name;
  }
  get supportedTimeframes() {
    return this.inner.supportedTimeframes;
  }

  serves(symbol: string): boolean {
    return this.inner.serves(symbol);
  }

  absenceReason(symbol: string, timeframe?: Timeframe): string | undefined {
    return this.inner.absenceReason?.(symbol, timeframe);
  }

  fetchCandles(query: CandleQuery): Promise<Bar[]> {
    return this.counted(() => this.inner.fetchCandles(query));
  }

  latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote> {
    return this.counted(() => this.inner.latestQuote(symbol, signal));
  }

  private async counted<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.count(this.name, 'ok');
      return result;
    } catch (err) {
      this.count(this.name, isProviderError(err) ? err.code : 'error');
      throw err;
    }
  }
}

/** The providers this deployment may call: those without a key always, keyed ones only with their key. */
export function enabledProviders(config: AppConfig): ProviderDefinition[] {
  return (PROVIDERS as readonly ProviderDefinition[]).filter(
    (p) => p.apiKey === 'none' || config.providers.settings[p.name]?.apiKey,
  );
}

/**
 * Each enabled adapter metered, then guarded (its rate limits, retry, circuit breaker, singleflight)
 * on the service clock.
 */
export function buildProviders(config: AppConfig, clock: Clock, metrics: MetricsService): GuardedProvider[] {
  const count = (provider: string, outcome: string) => metrics.providerRequests.inc({ provider, outcome });
  return enabledProviders(config).map((p) => {
    const adapter = p.create({ ...config.providers.settings[p.name], dataDir: config.dataDir });
    return new GuardedProvider(new MeteredProvider(adapter, count), { clock, rateLimits: p.rateLimits });
  });
}
