import { isProviderError, ProviderError } from '../providers/provider-error.js';
export function countsAgainstVendor(err) {
    return !(isProviderError(err) && (err.code === 'notFound' || err.code === 'unsupported' || err.code === 'circuitOpen'));
}
/**
 * closed → (failureThreshold consecutive failures) → open → (cooldownMs) → halfOpen, where exactly
 * one probe runs: its success closes the circuit, its failure reopens it for another cooldown.
 */
export class CircuitBreaker {
    name;
    clock;
    failures = 0;
    openedAt = null;
    probing = false;
    lastError = null;
    threshold;
    cooldownMs;
    isFailure;
    constructor(name, clock, options = {}) {
        this.name = name;
        this.clock = clock;
        this.threshold = options.failureThreshold ?? 5;
        this.cooldownMs = options.cooldownMs ?? 30_000;
        this.isFailure = options.isFailure ?? countsAgainstVendor;
    }
    get state() {
        if (this.openedAt === null)
            return 'closed';
        return this.clock.now() - this.openedAt >= this.cooldownMs ? 'halfOpen' : 'open';
    }
    /** True when a call would be let through now (half-open lets only one probe at a time). */
    canRequest() {
        const state = this.state;
        return state === 'closed' || (state === 'halfOpen' && !this.probing);
    }
    async execute(fn) {
        if (!this.canRequest())
            throw this.openError();
        const probe = this.state === 'halfOpen';
        if (probe)
            this.probing = true;
        try {
            const result = await fn();
            this.recordSuccess();
            return result;
        }
        catch (err) {
            if (this.isFailure(err))
                this.recordFailure(err);
            else if (probe)
                this.recordSuccess(); // the vendor answered; it is up
            throw err;
        }
        finally {
            if (probe)
                this.probing = false;
        }
    }
    recordSuccess() {
        this.failures = 0;
        this.openedAt = null;
    }
    recordFailure(err) {
        this.failures++;
        this.lastError = err instanceof Error ? err.message : err === undefined ? null : String(err);
        // A failed probe reopens at once; otherwise the threshold decides.
        if (this.openedAt !== null || this.failures >= this.threshold)
            this.openedAt = this.clock.now();
    }
    snapshot() {
        return {
            state: this.state,
            consecutiveFailures: this.failures,
            openedAt: this.openedAt,
            retryAt: this.openedAt === null ? null : this.openedAt + this.cooldownMs,
            lastError: this.lastError,
        };
    }
    openError() {
        const retryAfterMs = this.openedAt === null ? 0 : Math.max(0, this.openedAt + this.cooldownMs - this.clock.now());
        return new ProviderError('circuitOpen', this.name, `circuit open after ${this.failures} failures`, { retryAfterMs });
    }
}
//# sourceMappingURL=circuit-breaker.js.map