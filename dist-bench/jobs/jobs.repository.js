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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conflict } from '../common/errors.js';
import { JobEntity } from './job.entity.js';
const UNIQUE_VIOLATION = '23505';
function isNameConflict(e) {
    const err = e;
    const code = err.code ?? err.driverError?.code;
    return code === UNIQUE_VIOLATION && (err.constraint ?? err.driverError?.constraint) === 'jobs_name_unique';
}
/** Every query on the `jobs` table. */
let JobsRepository = class JobsRepository {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    repo(em) {
        return (em ?? this.ds.manager).getRepository(JobEntity);
    }
    async insert(spec, state, anchorAt, source = 'api', em) {
        try {
            const entity = this.repo(em).create({ ...spec, state, source, anchorAt, version: 1, status: 'active' });
            return await this.repo(em).save(entity);
        }
        catch (e) {
            if (isNameConflict(e))
                throw new Conflict(`a job named "${spec.name}" already exists`);
            throw e;
        }
    }
    /** All or nothing: one transaction; a duplicate name anywhere rolls every insert back. */
    async insertMany(specs, anchorAt) {
        return this.ds.transaction(async (em) => {
            const ids = [];
            for (let i = 0; i < specs.length; i += 500) {
                const chunk = specs.slice(i, i + 500).map(({ spec, state }) => this.repo(em).create({ ...spec, state, source: 'api', anchorAt, version: 1, status: 'active' }));
                try {
                    const result = await this.repo(em).createQueryBuilder().insert().values(chunk).returning('id').execute();
                    ids.push(...result.raw.map((r) => r.id));
                }
                catch (e) {
                    if (isNameConflict(e))
                        throw new Conflict('a job in the batch has a name that already exists; nothing was stored');
                    throw e;
                }
            }
            return ids;
        });
    }
    findById(id) {
        return this.repo().findOneBy({ id });
    }
    async list(filter) {
        const qb = this.repo().createQueryBuilder('j').orderBy('j.created_at', 'ASC').addOrderBy('j.id', 'ASC').limit(filter.limit);
        if (filter.type)
            qb.andWhere('j.type = :type', { type: filter.type });
        if (filter.enabled !== undefined)
            qb.andWhere('j.enabled = :enabled', { enabled: filter.enabled });
        if (filter.after)
            qb.andWhere('(j.created_at, j.id) > (:t, :id)', { t: filter.after.t, id: filter.after.id });
        return qb.getMany();
    }
    /** Replaces the definition; the version bump tells every replica's scheduler to re-register it. */
    async replace(id, spec, state, anchorAt) {
        try {
            const res = await this.repo().createQueryBuilder().update()
                .set({ ...spec, state, status: 'active', version: () => 'version + 1', anchorAt })
                .where('id = :id', { id }).execute();
            return res.affected ? this.findById(id) : null;
        }
        catch (e) {
            if (isNameConflict(e))
                throw new Conflict(`a job named "${spec.name}" already exists`);
            throw e;
        }
    }
    /** Pause/resume. Resuming moves the anchor: nothing fires for the time the job was paused. */
    async setEnabled(id, enabled, anchorAt) {
        const set = { enabled, version: () => 'version + 1' };
        if (enabled)
            set.anchorAt = anchorAt;
        const res = await this.repo().createQueryBuilder().update().set(set)
            .where('id = :id AND enabled <> :enabled', { id, enabled }).execute();
        return this.findById(id);
    }
    /** Type-owned state written by a run; `done`/`expired` also disable the job (a version bump). */
    async setState(id, state, status, em) {
        const set = { state, status };
        if (status !== 'active')
            Object.assign(set, { enabled: false, version: () => 'version + 1' });
        await this.repo(em).createQueryBuilder().update().set(set).where('id = :id', { id }).execute();
    }
    async delete(id) {
        const res = await this.repo().delete({ id });
        return (res.affected ?? 0) > 0;
    }
    /** What the scheduler registers: every enabled, active job. */
    findSchedulable() {
        return this.repo().find({ where: { enabled: true, status: 'active' } });
    }
    /** `(id, version, enabled)` of jobs changed at or after `since`, for replicas to catch up. */
    async changedSince(since) {
        return this.ds.query('SELECT id, version FROM jobs WHERE updated_at >= $1', [since]);
    }
    async counts() {
        const [row] = await this.ds.query('SELECT count(*)::int AS total, count(*) FILTER (WHERE enabled)::int AS enabled FROM jobs');
        return row;
    }
    findByNames(names) {
        return names.length ? this.repo().createQueryBuilder('j').where('j.name IN (:...names)', { names }).getMany() : Promise.resolve([]);
    }
    findBySource(source) {
        return this.repo().findBy({ source });
    }
};
JobsRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], JobsRepository);
export { JobsRepository };
//# sourceMappingURL=jobs.repository.js.map