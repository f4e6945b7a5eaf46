var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { HealthController } from './health.controller.js';
import { HealthRegistry } from './health-registry.js';
import { HealthService } from './health.service.js';
let HealthModule = class HealthModule {
};
HealthModule = __decorate([
    Global(),
    Module({
        imports: [TerminusModule.forRoot({ logger: false }), SchedulerModule],
        controllers: [HealthController],
        providers: [HealthRegistry, HealthService],
        exports: [HealthRegistry],
    })
], HealthModule);
export { HealthModule };
//# sourceMappingURL=health.module.js.map