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
import { Clock } from '../common/clock.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFound, ValidationFailed } from '../common/errors.js';
import { everyAnchor, nextFireTime, nextRuns } from '../scheduler/core/index.js';
import { scheduleContext } from './schedule-context.js';
import { JobChangeBus } from './job-events.js';
import { JobSpecParser } from './job-spec.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { jobBody, jobView, runView } from './job-view.js';
import { JobsRepository } from './jobs.repository.js';
import { RunsRepository } from './runs.repository.js';
/** Job CRUD (CONTRACT §2 `/jobs`). Every change is published so the scheduler applies it at once. */
let JobsService = class JobsService {
    jobs;
    runsRepo;
    parser;
    registry;
    bus;
    clock;
    config;
    constructor(jobs, runsRepo, parser, registry, bus, clock, config) {
        this.jobs = jobs;
        this.runsRepo = runsRepo;
        this.parser = parser;
        this.registry = registry;
        this.bus = bus;
        this.clock = clock;
        this.config = config;
    }
    async create(body) {
        const spec = this.parser.parse(body);
        const job = await this.jobs.insert(spec, this.initialState(spec), this.clock.date());
        await this.bus.publish({ kind: 'upserted', id: job.id });
        return this.view(job);
    }
    async createMany(items) {
        const problems = items.flatMap((item, i) => this.parser.problems(item, `jobs[${i}]`));
        const names = new Map();
        items.forEach((item, i) => {
            const name = item?.name;
            if (typeof name !== 'string')
                return;
            if (names.has(name))
                problems.push(`jobs[${i}].name "${name}" repeats jobs[${names.get(name)}].name`);
            else
                names.set(name, i);
        });
        if (problems.length)
            throw new ValidationFailed(problems);
        const specs = items.map((item) => this.parser.parse(item)).map((spec) => ({ spec, state: this.initialState(spec) }));
        const ids = await this.jobs.insertMany(specs, this.clock.date());
        await Promise.all(ids.map((id) => this.bus.publish({ kind: 'upserted', id })));
        return { created: ids.length, ids };
    }
    async list(q) {
        const limit = q.limit ?? 50;
        const rows = await this.jobs.list({
            type: q.type, enabled: q.enabled === undefined ? undefined : q.enabled === 'true', limit: limit + 1, after: decodeCursor(q.cursor),
        });
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map((j) => this.view(j)),
            nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
        };
    }
    async get(id) {
        return this.view(await this.mustFind(id));
    }
    async replace(id, body) {
        await this.mustFind(id);
        return this.store(id, this.parser.parse(body));
    }
    /** A partial update: the merged body is checked as a whole, so a PATCH can never store an invalid job. */
    async patch(id, body) {
        const job = await this.mustFind(id);
        if (typeof body !== 'object' || body === null || Array.isArray(body))
            throw new ValidationFailed(['body must be a JSON object']);
        return this.store(id, this.parser.parse({ ...jobBody(job), ...body }));
    }
    async remove(id) {
        if (!(await this.jobs.delete(id)))
            throw new NotFound(`job ${id}`);
        await this.bus.publish({ kind: 'deleted', id });
    }
    async setEnabled(id, enabled) {
        const job = await this.jobs.setEnabled(id, enabled, this.clock.date());
        if (!job)
            throw new NotFound(`job ${id}`);
        await this.bus.publish({ kind: 'upserted', id });
        return this.view(job);
    }
    async runs(id, q) {
        await this.mustFind(id);
        const limit = q.limit ?? 50;
        const rows = await this.runsRepo.list(id, limit + 1, decodeCursor(q.cursor));
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map(runView),
            nextCursor: rows.length > limit && last ? encodeCursor({ t: last.scheduledFor.toISOString(), id: last.id }) : null,
        };
    }
    /** `POST /jobs/validate`: the full check, nothing stored, and the next five fire times. */
    validate(body) {
        const spec = this.parser.parse(body);
        const now = this.clock.now();
        const schedule = spec.schedule;
        const ctx = { anchorMs: everyAnchor(schedule, now), defaultTimezone: this.config.scheduler.timezone };
        return { valid: true, nextRuns: nextRuns(schedule, now, ctx, 5) };
    }
    async mustFind(id) {
        const job = await this.jobs.findById(id);
        if (!job)
            throw new NotFound(`job ${id}`);
        return job;
    }
    async store(id, spec) {
        const job = await this.jobs.replace(id, spec, this.initialState(spec), this.clock.date());
        if (!job)
            throw new NotFound(`job ${id}`);
        await this.bus.publish({ kind: 'upserted', id });
        return this.view(job);
    }
    initialState(spec) {
        const handler = this.registry.get(spec.type);
        return handler?.initialState?.({ ...spec }) ?? null;
    }
    view(job) {
        const next = job.enabled && job.status === 'active'
            ? nextFireTime(job.schedule, this.clock.now(), scheduleContext(job, this.config.scheduler.timezone))
            : null;
        return jobView(job, next);
    }
};
JobsService = __decorate([
    Injectable(),
    __param(6, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [JobsRepository,
        RunsRepository,
        JobSpecParser,
        JobTypeRegistry,
        JobChangeBus,
        Clock, Object])
], JobsService);
export { JobsService };
//# sourceMappingURL=jobs.service.js.map