import type { Clock } from '../../base/time/clock.js';
import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
import {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitSnapshot,
} from '../../base/resilience/circuit-breaker.js';
import { VendorCircuitBreaker } from './vendor-circuit-breaker.js';
import { RateLimiter, type RateLimit } from '../../base/resilience/rate-limiter.js';
import { withRetry, type RetryOptions } from './retry.js';
import { realSleep, type Sleep } from '../../base/resilience/sleep.js';
import { SingleFlight } from '../../base/resilience/singleflight.js';
import type { CandleQuery, LastCandlesQuery, MarketDataProvider, Quote } from './market-data-provider.js';
import { fetchLastViaRanges } from './last-candles.js';

export interface GuardOptions {
  clock: Clock;
  sleep?: Sleep;
  /** The vendor's limits (its entry in the provider table); default none. */
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
    this.limiter = new RateLimiter(options.rateLimits ?? [], options.clock, this.sleep);
    this.breaker = new VendorCircuitBreaker(inner.name, options.clock, options.breaker);
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

  /** Counted natively when the vendor can (one guarded call), else searched backward by guarded range calls. */
  async fetchLastCandles(query: LastCandlesQuery): Promise<Bar[]> {
    const inner = this.inner;
    if (!inner.fetchLastCandles) return fetchLastViaRanges(this, query);
    const key = `last|${query.symbol}|${query.timeframe}|${query.toMs}|${query.count}`;
    const bars = await this.candles.do(key, () =>
      this.guarded(() => inner.fetchLastCandles!({ ...query, signal: undefined })),
    );
    return bars.filter((b) => b.closeTime < query.nowMs);
  }

  /** Present exactly when the vendor publishes a symbol list; guarded like any call. */
  get listSymbols(): (() => Promise<string[]>) | undefined {
    const inner = this.inner;
    if (!inner.listSymbols) return undefined;
    return () => this.guarded(() => inner.listSymbols!());
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
