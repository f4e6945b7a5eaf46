import type { Clock } from '../base/time/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import type { Bar } from '../base/domain/bar.js';
import { GuardedProvider } from './core/guarded-provider.js';
import {
  AlphaVantageProvider,
  BinanceProvider,
  CsvProvider,
  FinnhubProvider,
  isProviderError,
  PolygonProvider,
  YahooProvider,
  type CandleQuery,
  type MarketDataProvider,
  type Quote,
} from './providers/index.js';

/** Injection token of the deployment's providers (GuardedProvider[]), in no particular order. */
export const MARKET_DATA_PROVIDERS = Symbol('MARKET_DATA_PROVIDERS');

/** Every provider name a request or a job may name (CONTRACT §6), enabled here or not. */
export const PROVIDER_NAMES = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage', 'csv'] as const;

/**
 * Counts each call that reaches a vendor adapter (every retry attempt, after the rate limiter),
 * by provider and outcome (`ok` or the ProviderError code), for `market_scheduler_provider_requests_total`.
 */
export class MeteredProvider implements MarketDataProvider {
  constructor(
    private readonly inner: MarketDataProvider,
    private readonly count: (provider: string, outcome: string) => void,
  ) {}

  get name(): string {
    return this.inner.name;
  }
  get testSymbol(): string {
    return this.inner.testSymbol;
  }
  get supportedTimeframes() {
    return this.inner.supportedTimeframes;
  }

  serves(symbol: string): boolean {
    return this.inner.serves(symbol);
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

/** The vendors this deployment may call: binance, yahoo and csv always; keyed vendors only with their key. */
export function vendorAdapters(config: AppConfig): MarketDataProvider[] {
  const p = config.providers;
  const adapters: MarketDataProvider[] = [
    new BinanceProvider({ baseUrl: p.binanceBaseUrl }),
    new YahooProvider({ baseUrl: p.yahooBaseUrl }),
  ];
  if (p.finnhubApiKey) adapters.push(new FinnhubProvider({ apiKey: p.finnhubApiKey }));
  if (p.polygonApiKey) adapters.push(new PolygonProvider({ apiKey: p.polygonApiKey }));
  if (p.alphavantageApiKey) adapters.push(new AlphaVantageProvider({ apiKey: p.alphavantageApiKey }));
  adapters.push(new CsvProvider({ dataDir: config.dataDir }));
  return adapters;
}

/** Each adapter metered, then guarded (rate limit, retry, circuit breaker, singleflight) on the service clock. */
export function buildProviders(config: AppConfig, clock: Clock, metrics: MetricsService): GuardedProvider[] {
  const count = (provider: string, outcome: string) => metrics.providerRequests.inc({ provider, outcome });
  return vendorAdapters(config).map((adapter) => new GuardedProvider(new MeteredProvider(adapter, count), { clock }));
}
