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
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { IdPipe } from '../common/id.pipe.js';
import { BulkJobsDto, JobDto, ListJobsQueryDto, PageQueryDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';
/**
 * `/jobs` (CONTRACT §2). Bodies are checked by JobSpecParser (shape, schedule and the type's own
 * section) — the pipe only sees them as plain objects so every problem is reported at once.
 */
let JobsController = class JobsController {
    jobs;
    constructor(jobs) {
        this.jobs = jobs;
    }
    create(body) {
        return this.jobs.create(body);
    }
    createMany(body) {
        return this.jobs.createMany(body.jobs);
    }
    validate(body) {
        return this.jobs.validate(body);
    }
    list(query) {
        return this.jobs.list(query);
    }
    get(id) {
        return this.jobs.get(id);
    }
    replace(id, body) {
        return this.jobs.replace(id, body);
    }
    patch(id, body) {
        return this.jobs.patch(id, body);
    }
    remove(id) {
        return this.jobs.remove(id);
    }
    pause(id) {
        return this.jobs.setEnabled(id, false);
    }
    resume(id) {
        return this.jobs.setEnabled(id, true);
    }
    runs(id, query) {
        return this.jobs.runs(id, query);
    }
};
__decorate([
    Post(),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "create", null);
__decorate([
    Post('bulk'),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [BulkJobsDto]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "createMany", null);
__decorate([
    Post('validate'),
    HttpCode(200),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "validate", null);
__decorate([
    Get(),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ListJobsQueryDto]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id', IdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "get", null);
__decorate([
    Put(':id'),
    __param(0, Param('id', IdPipe)),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "replace", null);
__decorate([
    Patch(':id'),
    __param(0, Param('id', IdPipe)),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "patch", null);
__decorate([
    Delete(':id'),
    HttpCode(204),
    __param(0, Param('id', IdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "remove", null);
__decorate([
    Post(':id/pause'),
    HttpCode(200),
    __param(0, Param('id', IdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "pause", null);
__decorate([
    Post(':id/resume'),
    HttpCode(200),
    __param(0, Param('id', IdPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "resume", null);
__decorate([
    Get(':id/runs'),
    __param(0, Param('id', IdPipe)),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, PageQueryDto]),
    __metadata("design:returntype", void 0)
], JobsController.prototype, "runs", null);
JobsController = __decorate([
    Controller('jobs'),
    __metadata("design:paramtypes", [JobsService])
], JobsController);
export { JobsController };
export { JobDto };
//# sourceMappingURL=jobs.controller.js.map