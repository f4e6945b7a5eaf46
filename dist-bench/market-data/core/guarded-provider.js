import { CircuitBreaker } from './circuit-breaker.js';
import { RateLimiter, DEFAULT_RATE_LIMITS } from './rate-limiter.js';
import { withRetry } from './retry.js';
import { realSleep } from './sleep.js';
import { SingleFlight } from './singleflight.js';
/**
 * Wraps a vendor adapter with everything a call to a third party needs, in this order:
 * singleflight (identical concurrent calls share one fetch) → circuit breaker (one failure
 * count per logical call) → retry with backoff → rate limiter (each HTTP attempt takes a token).
 * The shared fetch always asks for the forming bar too, and each caller then keeps what it asked
 * for against its own `nowMs`.
 */
export class GuardedProvider {
    inner;
    options;
    breaker;
    limiter;
    sleep;
    candles = new SingleFlight();
    quotes = new SingleFlight();
    constructor(inner, options) {
        this.inner = inner;
        this.options = options;
        this.sleep = options.sleep ?? realSleep;
        this.limiter = new RateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS[inner.name] ?? [], options.clock, this.sleep);
        this.breaker = new CircuitBreaker(inner.name, options.clock, options.breaker);
    }
    get name() { return this.inner.name; }
    get testSymbol() { return this.inner.testSymbol; }
    get supportedTimeframes() { return this.inner.supportedTimeframes; }
    serves(symbol) {
        return this.inner.serves(symbol);
    }
    isAvailable() {
        return this.breaker.canRequest();
    }
    async fetchCandles(query) {
        const key = `${query.symbol}|${query.timeframe}|${query.fromMs}|${query.toMs}`;
        // The shared fetch ignores any one caller's AbortSignal: one caller giving up must not fail
        // the others waiting on it. The request timeout still bounds it.
        const bars = await this.candles.do(key, () => this.guarded(() => this.inner.fetchCandles({ ...query, includeForming: true, signal: undefined })));
        return query.includeForming ? bars : bars.filter((b) => b.closeTime < query.nowMs);
    }
    latestQuote(symbol) {
        return this.quotes.do(symbol, () => this.guarded(() => this.inner.latestQuote(symbol)));
    }
    health() {
        return { name: this.name, circuit: this.breaker.snapshot(), inFlight: this.candles.size + this.quotes.size };
    }
    guarded(call) {
        return this.breaker.execute(() => withRetry(async () => {
            await this.limiter.acquire(1);
            return call();
        }, { ...this.options.retry, sleep: this.sleep }));
    }
}
//# sourceMappingURL=guarded-provider.js.map