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
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { redactedConfig } from '../config/app-config.js';
import { IdPipe } from '../common/id.pipe.js';
import { runView } from '../jobs/job-view.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SchedulerService } from './scheduler.service.js';
let SchedulerController = class SchedulerController {
    scheduler;
    jobs;
    config;
    constructor(scheduler, jobs, config) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.config = config;
    }
    async status() {
        const { scheduled, ...rest } = this.scheduler.status();
        const counts = await this.jobs.counts();
        return { ...rest, jobs: { total: counts.total, enabled: counts.enabled, scheduled } };
    }
    reload() {
        return this.scheduler.reload();
    }
    async pause() {
        await this.scheduler.setPaused(true);
        return { paused: true };
    }
    async resume() {
        await this.scheduler.setPaused(false);
        return { paused: false };
    }
    effectiveConfig() {
        return redactedConfig(this.config);
    }
};
__decorate([
    Get('status'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], SchedulerController.prototype, "status", null);
__decorate([
    Post('reload'),
    HttpCode(200),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], SchedulerController.prototype, "reload", null);
__decorate([
    Post('pause'),
    HttpCode(200),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], SchedulerController.prototype, "pause", null);
__decorate([
    Post('resume'),
    HttpCode(200),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], SchedulerController.prototype, "resume", null);
__decorate([
    Get('config'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], SchedulerController.prototype, "effectiveConfig", null);
SchedulerController = __decorate([
    Controller('scheduler'),
    __param(2, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [SchedulerService,
        JobsRepository, Object])
], SchedulerController);
export { SchedulerController };
/** `POST /jobs/:id/trigger` lives with the scheduler, which runs it. */
let JobTriggerController = class JobTriggerController {
    scheduler;
    jobs;
    constructor(scheduler, jobs) {
        this.scheduler = scheduler;
        this.jobs = jobs;
    }
    async trigger(id) {
        return runView(await this.scheduler.trigger(await this.jobs.mustFind(id)));
    }
};
__decorate([
    Post(':id/trigger'),
    HttpCode(202),
    __param(0, Param('id', IdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], JobTriggerController.prototype, "trigger", null);
JobTriggerController = __decorate([
    Controller('jobs'),
    __metadata("design:paramtypes", [SchedulerService, JobsService])
], JobTriggerController);
export { JobTriggerController };
//# sourceMappingURL=scheduler.controller.js.map