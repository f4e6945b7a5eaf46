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
import { MigrationService } from '../database/migration.service.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { SchedulerStateRepository } from '../scheduler/scheduler-state.repository.js';
import { DbClock } from '../scheduler/db-clock.js';
import { HealthRegistry } from './health-registry.js';
/** The loop wakes at least every second; silence this long means it is stuck. */
const LOOP_STALL_MS = 15_000;
/** Due work this late means the scheduler is falling behind (degraded, still serving). */
const LAG_DEGRADED_MS = 30_000;
/** The core health checks, and `GET /health`'s roll-up of every registered contributor. */
let HealthService = class HealthService {
    registry;
    migrations;
    scheduler;
    state;
    dbClock;
    constructor(registry, migrations, scheduler, state, dbClock) {
        this.registry = registry;
        this.migrations = migrations;
        this.scheduler = scheduler;
        this.state = state;
        this.dbClock = dbClock;
    }
    onModuleInit() {
        this.registry.register({ name: 'database', check: () => this.database() });
        this.registry.register({ name: 'scheduler', check: async () => this.schedulerHealth() });
    }
    async database() {
        try {
            await this.state.ping();
            if (!(await this.migrations.isUpToDate()))
                return { status: 'down', issues: ['database migrations are not applied'] };
            return { status: 'up' };
        }
        catch (e) {
            return { status: 'down', issues: [`database unreachable: ${e.message}`] };
        }
    }
    schedulerHealth() {
        if (!this.scheduler.enabledHere)
            return { status: 'up', details: { mode: 'api' } };
        const silentMs = this.dbClock.now() - this.scheduler.loop.lastBeatMs;
        const lagMs = this.scheduler.lagMs();
        const details = { running: this.scheduler.loop.isRunning, paused: this.scheduler.paused, lagSeconds: lagMs / 1000 };
        if (!this.scheduler.loop.isRunning || silentMs > LOOP_STALL_MS) {
            return { status: 'down', issues: [`scheduler loop silent for ${Math.round(silentMs / 1000)} s`], details };
        }
        if (lagMs > LAG_DEGRADED_MS)
            return { status: 'degraded', issues: [`scheduler is ${Math.round(lagMs / 1000)} s behind`], details };
        return { status: 'up', details };
    }
    async report() {
        const entries = await Promise.all(this.registry.all().map(async (c) => {
            const health = await c.check().catch((e) => ({ status: 'down', issues: [e.message] }));
            return [c.name, health];
        }));
        const checks = Object.fromEntries(entries);
        const statuses = entries.map(([, h]) => h.status);
        const status = statuses.includes('down') ? 'unhealthy' : statuses.includes('degraded') ? 'degraded' : 'healthy';
        return { status, issues: entries.flatMap(([name, h]) => (h.issues ?? []).map((i) => `${name}: ${i}`)), checks };
    }
};
HealthService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [HealthRegistry,
        MigrationService,
        SchedulerService,
        SchedulerStateRepository,
        DbClock])
], HealthService);
export { HealthService };
//# sourceMappingURL=health.service.js.map