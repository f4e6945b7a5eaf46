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
import { Clock } from '../../common/clock.js';
import { RunsRepository } from '../runs.repository.js';
import { JobTypeRegistry } from './job-type.registry.js';
import { normalizeCleanup, validateCleanup } from './cleanup.config.js';
const DAY_MS = 86_400_000;
/**
 * `cleanup` jobs (CONTRACT §3): deletes finished runs (keeping each job's latest, which misfire
 * detection needs) and whatever registered retention targets hold, older than the configured ages.
 */
let CleanupHandler = class CleanupHandler {
    registry;
    runs;
    clock;
    type = 'cleanup';
    targets = [];
    constructor(registry, runs, clock) {
        this.registry = registry;
        this.runs = runs;
        this.clock = clock;
    }
    onModuleInit() {
        this.registry.register(this);
    }
    addTarget(target) {
        this.targets.push(target);
    }
    validate(section) {
        return validateCleanup(section);
    }
    normalize(section) {
        return normalizeCleanup(section);
    }
    async run(ctx) {
        const cfg = normalizeCleanup(ctx.job.config);
        const before = (days) => new Date(this.clock.now() - days * DAY_MS);
        const result = { runsDeleted: await this.runs.deleteFinishedBefore(before(cfg.runsOlderThanDays)) };
        for (const target of this.targets) {
            result[`${target.field.replace(/OlderThanDays$/, '')}Deleted`] = await target.purgeBefore(before(cfg[target.field]));
        }
        return result;
    }
};
CleanupHandler = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [JobTypeRegistry, RunsRepository, Clock])
], CleanupHandler);
export { CleanupHandler };
//# sourceMappingURL=cleanup.handler.js.map