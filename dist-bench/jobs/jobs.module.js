var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { JobChangeBus } from './job-events.js';
import { JobFilesSync } from './job-files.sync.js';
import { JobSpecParser } from './job-spec.js';
import { CleanupHandler } from './job-types/cleanup.handler.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { JobsController } from './jobs.controller.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';
import { RunsRepository } from './runs.repository.js';
let JobsModule = class JobsModule {
};
JobsModule = __decorate([
    Module({
        controllers: [JobsController],
        providers: [JobsRepository, RunsRepository, JobsService, JobSpecParser, JobTypeRegistry, JobChangeBus, CleanupHandler, JobFilesSync],
        exports: [JobFilesSync, JobsRepository, RunsRepository, JobsService, JobSpecParser, JobTypeRegistry, JobChangeBus, CleanupHandler],
    })
], JobsModule);
export { JobsModule };
//# sourceMappingURL=jobs.module.js.map