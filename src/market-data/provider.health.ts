import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { HealthRegistry, type ComponentHealth } from '../common/health-registry.js';
import type { GuardedProvider } from './core/guarded-provider.js';
import { MARKET_DATA_PROVIDERS } from './provider-set.js';

/**
 * One `/health` check per provider, read from its circuit breaker. Probes never call the vendors:
 * the breaker already knows how the real traffic went, and a probe per health check would spend
 * the free-tier rate limits that alerts need. A failing vendor degrades the service, never takes
 * it down: the chain fails over and the stored bars still serve.
 */
@Injectable()
export class ProviderHealth implements OnModuleInit {
  constructor(
    @Inject(MARKET_DATA_PROVIDERS) private readonly providers: readonly GuardedProvider[],
    private readonly registry: HealthRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    for (const provider of this.providers) {
      this.registry.register({ name: `provider:${provider.name}`, check: async () => this.check(provider) });
    }
  }

  check(provider: GuardedProvider): ComponentHealth {
    const { circuit, inFlight } = provider.health();
    const details = {
      circuit: circuit.state,
      consecutiveFailures: circuit.consecutiveFailures,
      inFlight,
      lastError: circuit.lastError,
    };
    if (circuit.state === 'closed') return { status: 'up', details };
    const retry =
      circuit.retryAt === null
        ? ''
        : `, next attempt ${new Date(Math.max(circuit.retryAt, this.clock.now())).toISOString()}`;
    // Our words only: the vendor's error text (it can quote the vendor's answer or url) stays in
    // `details.lastError`, which GET /health shows with the token alone.
    const what =
      circuit.state === 'open'
        ? `provider ${provider.name} down: circuit open`
        : `provider ${provider.name} failing: circuit half-open (probing)`;
    return {
      status: 'degraded',
      issues: [`${what} after ${circuit.consecutiveFailures} failures${retry}`],
      details,
    };
  }
}
