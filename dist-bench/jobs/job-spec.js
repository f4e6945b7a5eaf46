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
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { ValidationFailed } from '../common/errors.js';
import { plainToInstance } from 'class-transformer';
import { JobDto } from './dto/job.dto.js';
import { jobBodyProblems } from './job-body.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
export const DEFAULT_RETRY = { maxAttempts: 3, backoffSeconds: 5 };
export const DEFAULT_MISFIRE = { graceSeconds: 300, policy: 'runOnce' };
/**
 * Turns a job body into a JobSpec or a ValidationFailed listing every problem with its path:
 * the shape (class-validator), the schedule (scheduler core) and the type's section (its handler).
 * One parser for create, replace, patch, bulk, validate and ALERTS_DIR files.
 */
let JobSpecParser = class JobSpecParser {
    registry;
    config;
    constructor(registry, config) {
        this.registry = registry;
        this.config = config;
    }
    parse(plain, prefix = '') {
        const problems = this.problems(plain, prefix);
        if (problems.length)
            throw new ValidationFailed(problems);
        return this.normalize(plainToInstance(JobDto, plain));
    }
    problems(plain, prefix = '') {
        const sections = Object.fromEntries(this.registry.types().map((t) => [t, (x) => this.registry.get(t).validate(x)]));
        return jobBodyProblems(plain, { prefix, timezone: this.config.scheduler.timezone, sections });
    }
    normalize(dto) {
        const handler = this.registry.get(dto.type);
        return {
            name: dto.name,
            type: dto.type,
            enabled: dto.enabled ?? true,
            schedule: dto.schedule,
            config: handler.normalize(dto[dto.type]),
            retry: dto.retry ? { maxAttempts: dto.retry.maxAttempts, backoffSeconds: dto.retry.backoffSeconds } : { ...DEFAULT_RETRY },
            timeoutSeconds: dto.timeoutSeconds ?? this.config.scheduler.jobTimeoutSeconds,
            misfire: dto.misfire ? { graceSeconds: dto.misfire.graceSeconds, policy: dto.misfire.policy } : { ...DEFAULT_MISFIRE },
            overlap: dto.overlap ?? 'skip',
        };
    }
};
JobSpecParser = __decorate([
    Injectable(),
    __param(1, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [JobTypeRegistry, Object])
], JobSpecParser);
export { JobSpecParser };
//# sourceMappingURL=job-spec.js.map