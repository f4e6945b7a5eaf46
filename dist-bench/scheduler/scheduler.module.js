var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { DbClock } from './db-clock.js';
import { InstanceInfo } from './instance-info.js';
import { RunExecutor } from './run-executor.js';
import { JobTriggerController, SchedulerController } from './scheduler.controller.js';
import { SchedulerStateRepository } from './scheduler-state.repository.js';
import { SchedulerService } from './scheduler.service.js';
let SchedulerModule = class SchedulerModule {
};
SchedulerModule = __decorate([
    Module({
        imports: [JobsModule],
        controllers: [SchedulerController, JobTriggerController],
        providers: [SchedulerService, RunExecutor, DbClock, InstanceInfo, SchedulerStateRepository],
        exports: [SchedulerService, SchedulerStateRepository, DbClock, InstanceInfo],
    })
], SchedulerModule);
export { SchedulerModule };
//# sourceMappingURL=scheduler.module.js.map