import type { Clock } from '../../base/time/clock.js';
import type { Bar } from '../../base/domain/bar.js';
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitSnapshot,
} from '../../base/resilience/circuit-breaker.js';
import { VendorCircuitBreaker } from './vendor-circuit-breaker.js';
import { RateLimiter, DEFAULT_RATE_LIMITS, type RateLimit } from '../../base/resilience/rate-limiter.js';
import { withRetry, type RetryOptions } from './retry.js';
import { realSleep, type Sleep } from '../../base/resilience/sleep.js';
import { SingleFlight } from '../../base/resilience/singleflight.js';
import type { CandleQuery, MarketDataProvider, Quote } from './market-data-provider.js';

export interface GuardOptions {
  clock: Clock;
  sleep?: Sleep;
  /** Default: DEFAULT_RATE_LIMITS[provider name] (none if the name is unknown). */
  rateLimits?: RateLimit | readonly RateLimit[];
  breaker?: CircuitBreakerOptions;
  retry?: Partial<Omit<RetryOptions, 'sleep' | 'signal'>>;
}

export interface ProviderHealth {
  name: string;
  circuit: CircuitSnapshot;
  inFlight: number;
}

/**
 * Wraps a vendor adapter with everything a call to a third party needs, in this order:
 * singleflight (identical concurrent calls share one fetch) → circuit breaker (one failure
 * count per logical call) → retry with backoff → rate limiter (each HTTP attempt takes a token).
 * The shared fetch always asks for the forming bar too, and each caller then keeps what it asked
 * for against its own `nowMs`.
 */
export class GuardedProvider implements MarketDataProvider {
  readonly breaker: CircuitBreaker;
  readonly limiter: RateLimiter;
  private readonly sleep: Sleep;
  private readonly candles = new SingleFlight<Bar[]>();
  private readonly quotes = new SingleFlight<Quote>();

  constructor(
    readonly inner: MarketDataProvider,
    private readonly options: GuardOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.limiter = new RateLimiter(
      options.rateLimits ?? DEFAULT_RATE_LIMITS[inner.name] ?? [],
      options.clock,
      this.sleep,
    );
    this.breaker = new VendorCircuitBreaker(inner.name, options.clock, options.breaker);
  }

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

  isAvailable(): boolean {
    return this.breaker.canRequest();
  }

  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const key = `${query.symbol}|${query.timeframe}|${query.fromMs}|${query.toMs}`;
    // The shared fetch ignores any one caller's AbortSignal: one caller giving up must not fail
    // the others waiting on it. The request timeout still bounds it.
    const bars = await this.candles.do(key, () =>
      this.guarded(() => this.inner.fetchCandles({ ...query, includeForming: true, signal: undefined })),
    );
    return query.includeForming ? bars : bars.filter((b) => b.closeTime < query.nowMs);
  }

  latestQuote(symbol: string): Promise<Quote> {
    return this.quotes.do(symbol, () => this.guarded(() => this.inner.latestQuote(symbol)));
  }

  health(): ProviderHealth {
    return { name: this.name, circuit: this.breaker.snapshot(), inFlight: this.candles.size + this.quotes.size };
  }

  private guarded<T>(call: () => Promise<T>): Promise<T> {
    return this.breaker.execute(() =>
      withRetry(
        async () => {
          await this.limiter.acquire(1);
          return call();
        },
        { ...this.options.retry, sleep: this.sleep },
      ),
    );
  }
}
