var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Module } from '@nestjs/common';
import { HealthRegistry } from '../health/health-registry.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { AlertEngine } from './alert-engine.service.js';
import { AlertEventsRepository } from './alert-events.repository.js';
import { AlertHandler } from './alert.handler.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
let AlertsModule = class AlertsModule {
    health;
    engine;
    constructor(health, engine) {
        this.health = health;
        this.engine = engine;
    }
    onModuleInit() {
        this.health.register({
            name: 'alerts',
            check: async () => {
                const issues = this.engine.stale.issues();
                return issues.length ? { status: 'degraded', issues } : { status: 'up' };
            },
        });
    }
};
AlertsModule = __decorate([
    Module({
        imports: [JobsModule, MarketDataModule, NotificationsModule, SchedulerModule],
        controllers: [AlertsController],
        providers: [AlertEngine, AlertEventsRepository, AlertHandler, AlertsService],
        exports: [AlertEngine],
    }),
    __metadata("design:paramtypes", [HealthRegistry, AlertEngine])
], AlertsModule);
export { AlertsModule };
//# sourceMappingURL=alerts.module.js.map