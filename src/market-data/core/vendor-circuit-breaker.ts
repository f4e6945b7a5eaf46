import type { Clock } from '../../base/time/clock.js';
import { CircuitBreaker, type CircuitBreakerOptions } from '../../base/resilience/circuit-breaker.js';
import { isProviderError, ProviderError } from './provider-error.js';

/** A vendor's failures count against it; the caller's own (notFound, unsupported) and our refusals do not. */
export function countsAgainstVendor(err: unknown): boolean {
  return !(
    isProviderError(err) &&
    (err.code === 'notFound' || err.code === 'unsupported' || err.code === 'circuitOpen')
  );
}

/** The circuit breaker in front of one vendor: refusals are `circuitOpen` ProviderErrors the chain fails over on. */
export class VendorCircuitBreaker extends CircuitBreaker {
  constructor(name: string, clock: Clock, options: CircuitBreakerOptions = {}) {
    super(name, clock, {
      ...options,
      isFailure: options.isFailure ?? countsAgainstVendor,
      openError:
        options.openError ??
        (({ failures, retryAfterMs }) =>
          new ProviderError('circuitOpen', name, `circuit open after ${failures} failures`, { retryAfterMs })),
    });
  }
}
