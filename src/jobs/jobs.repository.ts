import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import type { CursorKey } from '../common/cursor.js';
import { planFileSync, type FileJob, type FileSyncPlan } from './core/file-sync-plan.js';
import { JobEntity } from './job.entity.js';
import type { JobSpec } from './job-spec.js';
import { JobStatesRepository } from './job-states.repository.js';

const UNIQUE_VIOLATION = '23505';
/** Serialises ALERTS_DIR syncs across replicas (pg_advisory_xact_lock key). */
const FILE_SYNC_LOCK = 'market-scheduler:alerts-dir';

/** What a file sync did: its plan, and the ids of the jobs it created. */
export type AppliedFileSync = FileSyncPlan<FileJobRow> & { createdIds: string[] };

/** One job an ALERTS_DIR file defines, ready to store. */
export interface FileJobRow {
  spec: JobSpec;
  state: Record<string, unknown> | null;
}

function isNameConflict(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = err.code ?? err.driverError?.code;
  return code === UNIQUE_VIOLATION && (err.constraint ?? err.driverError?.constraint) === 'jobs_name_unique';
}

/** Every query on the `jobs` table. */
@Injectable()
export class JobsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly states: JobStatesRepository,
  ) {}

  private repo(em?: EntityManager) {
    return (em ?? this.ds.manager).getRepository(JobEntity);
  }

  async insert(
    spec: JobSpec,
    state: Record<string, unknown> | null,
    anchorAt: Date,
    source = 'api',
    em?: EntityManager,
  ): Promise<JobEntity> {
    try {
      const entity = this.repo(em).create({ ...spec, state, source, anchorAt, version: 1, status: 'active' });
      return await this.repo(em).save(entity);
    } catch (e) {
      if (isNameConflict(e)) throw new Conflict(`a job named "${spec.name}" already exists`);
      throw e;
    }
  }

  /** All or nothing: one transaction; a duplicate name anywhere rolls every insert back. */
  async insertMany(
    specs: Array<{ spec: JobSpec; state: Record<string, unknown> | null }>,
    anchorAt: Date,
  ): Promise<string[]> {
    return this.ds.transaction(async (em) => {
      const ids: string[] = [];
      for (let i = 0; i < specs.length; i += 500) {
        const chunk = specs
          .slice(i, i + 500)
          .map(({ spec, state }) =>
            this.repo(em).create({ ...spec, state, source: 'api', anchorAt, version: 1, status: 'active' }),
          );
        try {
          const result = await this.repo(em)
            .createQueryBuilder()
            .insert()
            .values(chunk as never)
            .returning('id')
            .execute();
          ids.push(...result.raw.map((r: { id: string }) => r.id));
        } catch (e) {
          if (isNameConflict(e))
            throw new Conflict('a job in the batch has a name that already exists; nothing was stored');
          throw e;
        }
      }
      return ids;
    });
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<JobEntity[]> {
    return ids.length ? this.repo().findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  async list(filter: {
    type?: string;
    enabled?: boolean;
    limit: number;
    after: CursorKey | null;
  }): Promise<JobEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('j')
      .orderBy('j.created_at', 'ASC')
      .addOrderBy('j.id', 'ASC')
      .limit(filter.limit);
    if (filter.type) qb.andWhere('j.type = :type', { type: filter.type });
    if (filter.enabled !== undefined) qb.andWhere('j.enabled = :enabled', { enabled: filter.enabled });
    if (filter.after) qb.andWhere('(j.created_at, j.id) > (:t, :id)', { t: filter.after.t, id: filter.after.id });
    return qb.getMany();
  }

  /**
   * Replaces the definition; the version bump tells every replica's scheduler to re-register it.
   * A type that keeps state (`state` not null) starts again from it: its `job_states` row is reset
   * in the same transaction, so a run computed from the old definition loses its write.
   */
  async replace(
    id: string,
    spec: JobSpec,
    state: Record<string, unknown> | null,
    anchorAt: Date,
  ): Promise<JobEntity | null> {
    try {
      const affected = await this.ds.transaction(async (em) => {
        const res = await this.repo(em)
          .createQueryBuilder()
          .update()
          .set({ ...spec, state, status: 'active', version: () => 'version + 1', anchorAt } as never)
          .where('id = :id', { id })
          .execute();
        if (res.affected && state !== null) await this.states.reset(em, id);
        return res.affected;
      });
      return affected ? this.findById(id) : null;
    } catch (e) {
      if (isNameConflict(e)) throw new Conflict(`a job named "${spec.name}" already exists`);
      throw e;
    }
  }

  /** Pause/resume. Resuming moves the anchor: nothing fires for the time the job was paused. */
  async setEnabled(id: string, enabled: boolean, anchorAt: Date): Promise<JobEntity | null> {
    const set: Record<string, unknown> = { enabled, version: () => 'version + 1' };
    if (enabled) set.anchorAt = anchorAt;
    await this.repo()
      .createQueryBuilder()
      .update()
      .set(set as never)
      .where('id = :id AND enabled <> :enabled', { id, enabled })
      .execute();
    return this.findById(id);
  }

  /** Jobs their type finished (an alert `done` after trigger `once`, or `expired`): disabled, and a version bump tells every replica. */
  async finish(em: EntityManager, finished: Array<{ jobId: string; status: 'done' | 'expired' }>): Promise<void> {
    if (finished.length === 0) return;
    await em.query(
      `UPDATE jobs j SET status = u.status, enabled = false, version = j.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS u(id, status) WHERE j.id = u.id`,
      [finished.map((f) => f.jobId), finished.map((f) => f.status)],
    );
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.repo().delete({ id });
    return (res.affected ?? 0) > 0;
  }

  /** What the scheduler registers: every enabled, active job. */
  findSchedulable(): Promise<JobEntity[]> {
    return this.repo().find({ where: { enabled: true, status: 'active' } });
  }

  /** `(id, version, enabled)` of jobs changed at or after `since`, for replicas to catch up. */
  async changedSince(since: Date): Promise<Array<{ id: string; version: number }>> {
    return this.ds.query('SELECT id, version FROM jobs WHERE updated_at >= $1', [since]);
  }

  async counts(): Promise<{ total: number; enabled: number }> {
    const [row] = await this.ds.query(
      'SELECT count(*)::int AS total, count(*) FILTER (WHERE enabled)::int AS enabled FROM jobs',
    );
    return row;
  }

  findByNames(names: string[]): Promise<JobEntity[]> {
    return names.length
      ? this.repo().createQueryBuilder('j').where('j.name IN (:...names)', { names }).getMany()
      : Promise.resolve([]);
  }

  findBySource(source: string): Promise<JobEntity[]> {
    return this.repo().findBy({ source });
  }

  /**
   * An ALERTS_DIR sync as one unit of work: under a lock every replica takes, the stored file jobs
   * are read, `planFileSync` decides, and every create, replace and delete commits together or not
   * at all. A plan with problems writes nothing. Replicas syncing one directory at once therefore
   * apply it once: the second finds every digest equal.
   */
  async applyFileSync(wanted: Array<FileJob<FileJobRow>>, anchorAt: Date): Promise<AppliedFileSync> {
    try {
      return await this.ds.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [FILE_SYNC_LOCK]);
        const stored: Array<{ id: string; name: string; source: string; fileDigest: string | null }> = await em.query(
          `SELECT id, name, source, file_digest AS "fileDigest" FROM jobs WHERE source = 'file' OR name = ANY($1::text[])`,
          [wanted.map((w) => w.name)], // names may hold any character: pg escapes the array
        );
        const plan = planFileSync(wanted, stored);
        if (plan.problems.length) return { ...plan, createdIds: [] };
        const createdIds: string[] = [];
        for (const { spec: row, digest } of plan.create) {
          const entity = this.repo(em).create({
            ...row.spec,
            state: row.state,
            source: 'file',
            fileDigest: digest,
            anchorAt,
            version: 1,
            status: 'active',
          });
          createdIds.push((await this.repo(em).save(entity)).id);
        }
        for (const { id, job } of plan.update) {
          await this.repo(em)
            .createQueryBuilder()
            .update()
            .set({
              ...job.spec.spec,
              state: job.spec.state,
              fileDigest: job.digest,
              status: 'active',
              version: () => 'version + 1',
              anchorAt,
            } as never)
            .where('id = :id', { id })
            .execute();
          if (job.spec.state !== null) await this.states.reset(em, id);
        }
        if (plan.delete.length) await this.repo(em).delete({ id: In(plan.delete.map((j) => j.id)) });
        return { ...plan, createdIds };
      });
    } catch (e) {
      if (isNameConflict(e)) throw new Conflict('a job created through the API meanwhile has the name of a file job');
      throw e;
    }
  }
}
