var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { TIMEFRAME_MS } from './core/timeframe.js';
import { DataManager } from './data-manager.service.js';
import { normalizeDataSync, validateDataSync } from './data-sync.config.js';
/** Series synced at once: enough to overlap vendor latency, few enough to leave rate-limit room to alerts. */
const CONCURRENCY = 4;
/** CONTRACT §4a's staleness margin on top of two timeframes. */
const STALE_GRACE_MS = 5_000;
/**
 * `dataSync` jobs (CONTRACT §3): keeps the store warm for every symbol × timeframe, fetching only
 * what the store lacks. One failing series is reported and the others go on; the run fails only
 * when every series failed (a vendor outage worth the job's retries).
 */
let DataSyncHandler = class DataSyncHandler {
    registry;
    data;
    clock;
    type = 'dataSync';
    constructor(registry, data, clock) {
        this.registry = registry;
        this.data = data;
        this.clock = clock;
    }
    onModuleInit() {
        this.registry.register(this);
    }
    validate(section) {
        return validateDataSync(section);
    }
    normalize(section) {
        return { ...normalizeDataSync(section) };
    }
    async run(ctx) {
        const cfg = ctx.job.config;
        const work = cfg.symbols.flatMap((symbol) => cfg.timeframes.map((timeframe) => ({ symbol, timeframe })));
        const reports = new Array(work.length);
        let next = 0;
        const worker = async () => {
            while (next < work.length && !ctx.signal.aborted) {
                const i = next++;
                reports[i] = await this.syncOne(work[i].symbol, work[i].timeframe, cfg);
            }
        };
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, work.length) }, worker));
        if (ctx.signal.aborted)
            throw new Error('dataSync aborted before every series was synced');
        const result = {
            series: reports, ok: reports.filter((r) => !r.error).length,
            failed: reports.filter((r) => r.error).length, stale: reports.filter((r) => r.stale).length,
        };
        if (result.ok === 0)
            throw new Error(`dataSync: every series failed: ${reports.slice(0, 5).map((r) => `${r.symbol} ${r.timeframe}: ${r.error}`).join('; ')}`);
        return result;
    }
    async syncOne(symbol, timeframe, cfg) {
        try {
            const res = await this.data.syncBars({ symbol, timeframe, provider: cfg.provider, limit: cfg.lookbackBars });
            const latest = res.bars[res.bars.length - 1];
            const stale = !latest || this.clock.now() - latest.closeTime > 2 * TIMEFRAME_MS[timeframe] + STALE_GRACE_MS;
            return {
                symbol, timeframe, provider: res.provider, barsStored: res.stored,
                latestBar: latest ? new Date(latest.openTime).toISOString() : null, stale, error: null,
            };
        }
        catch (err) {
            const error = err instanceof DomainError ? err.messages.join('; ') : err.message;
            return { symbol, timeframe, provider: null, barsStored: 0, latestBar: null, stale: false, error };
        }
    }
};
DataSyncHandler = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [JobTypeRegistry, DataManager, Clock])
], DataSyncHandler);
export { DataSyncHandler };
//# sourceMappingURL=data-sync.handler.js.map