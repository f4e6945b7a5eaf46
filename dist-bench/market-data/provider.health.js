var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { HealthRegistry } from '../health/health-registry.js';
import { MARKET_DATA_PROVIDERS } from './provider-set.js';
/**
 * One `/health` check per provider, read from its circuit breaker. Probes never call the vendors:
 * the breaker already knows how the real traffic went, and a probe per health check would spend
 * the free-tier rate limits that alerts need. A failing vendor degrades the service, never takes
 * it down: the chain fails over and the stored bars still serve.
 */
let ProviderHealth = class ProviderHealth {
    providers;
    registry;
    clock;
    constructor(providers, registry, clock) {
        this.providers = providers;
        this.registry = registry;
        this.clock = clock;
    }
    onModuleInit() {
        for (const provider of this.providers) {
            this.registry.register({ name: `provider:${provider.name}`, check: async () => this.check(provider) });
        }
    }
    check(provider) {
        const { circuit, inFlight } = provider.health();
        const details = { circuit: circuit.state, consecutiveFailures: circuit.consecutiveFailures, inFlight, lastError: circuit.lastError };
        if (circuit.state === 'closed')
            return { status: 'up', details };
        const retry = circuit.retryAt === null ? '' : `, next attempt ${new Date(Math.max(circuit.retryAt, this.clock.now())).toISOString()}`;
        const what = circuit.state === 'open' ? 'circuit open' : 'circuit half-open (probing)';
        return {
            status: 'degraded',
            issues: [`${provider.name} ${what} after ${circuit.consecutiveFailures} failures${retry}: ${circuit.lastError ?? 'unknown error'}`],
            details,
        };
    }
};
ProviderHealth = __decorate([
    Injectable(),
    __param(0, Inject(MARKET_DATA_PROVIDERS)),
    __metadata("design:paramtypes", [Array, HealthRegistry,
        Clock])
], ProviderHealth);
export { ProviderHealth };
//# sourceMappingURL=provider.health.js.map