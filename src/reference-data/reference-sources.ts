import type { Clock } from '../base/time/clock.js';
import type { AppConfig } from '../config/app-config.js';
import type { CircuitBreaker } from '../base/resilience/circuit-breaker.js';
import { VendorCircuitBreaker } from '../market-data/core/vendor-circuit-breaker.js';
import type { GuardedProvider } from '../market-data/core/guarded-provider.js';
import { RateLimiter } from '../base/resilience/rate-limiter.js';
import { PROVIDERS } from '../market-data/providers/provider-table.js';
import { withRetry } from '../market-data/core/retry.js';
import type { ReferenceSource } from './core/reference-source.js';
import { referenceAdapters } from './vendors/index.js';

/** Injection token of the deployment's GuardedReference[], in PROVIDER_PRIORITY order. */
export const REFERENCE_SOURCES = Symbol('REFERENCE_SOURCES');

/**
 * A vendor's reference adapter behind the SAME rate limiter and circuit breaker as its bar requests
 * (one vendor, one free-tier budget, one outage), with market-data's retry policy per call.
 */
export class GuardedReference {
  constructor(
    readonly source: ReferenceSource,
    readonly limiter: RateLimiter,
    readonly breaker: CircuitBreaker,
  ) {}

  get name(): string {
    return this.source.name;
  }

  call<T>(fn: (source: ReferenceSource) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.breaker.execute(() =>
      withRetry(
        async () => {
          await this.limiter.acquire(1, signal);
          return fn(this.source);
        },
        { signal },
      ),
    );
  }
}

/** `priority` first, in its order; vendors it does not name after, as built. */
export function byPriority<T extends { name: string }>(items: T[], priority: readonly string[]): T[] {
  const rank = (n: string) => (priority.includes(n) ? priority.indexOf(n) : priority.length);
  return [...items].sort((a, b) => rank(a.name) - rank(b.name));
}

/**
 * Wraps each reference adapter with its vendor's guards: the bar provider's own limiter and breaker
 * when that vendor serves bars here (always, for keyed vendors with their key), else fresh ones.
 */
export function buildReferenceSources(
  config: AppConfig,
  clock: Clock,
  barProviders: GuardedProvider[],
  adapters: ReferenceSource[] = referenceAdapters(config),
): GuardedReference[] {
  const guarded = adapters.map((source) => {
    const bars = barProviders.find((p) => p.name === source.name);
    const limiter =
      bars?.limiter ?? new RateLimiter([...(PROVIDERS.find((p) => p.name === source.name)?.rateLimits ?? [])], clock);
    const breaker = bars?.breaker ?? new VendorCircuitBreaker(source.name, clock);
    return new GuardedReference(source, limiter, breaker);
  });
  return byPriority(guarded, config.providers.priority);
}
