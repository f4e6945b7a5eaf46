import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Conflict } from '../common/errors.js';
import type { CursorKey } from '../common/cursor.js';
import { planFileSync, type FileJob, type FileSyncPlan } from './core/file-sync-plan.js';
import { JobEntity, type PauseReason } from './job.entity.js';
import type { JobSpec } from './job-spec.js';
import { JobStatesRepository } from './job-states.repository.js';
import { rowsOf } from '../database/sql-params.js';

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

/** The `status` of a job's current state: what its runs last wrote (`job_states`), else its own `state`. */
const CURRENT_STATUS = `COALESCE((SELECT s.state->>'status' FROM job_states s WHERE s.job_id = j.id), j.state->>'status')`;

/** A LIKE pattern matching `text` literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface JobCountRow {
  type: string;
  enabled: boolean;
  /** Null for jobs whose type keeps no state. */
  state: string | null;
  count: number;
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
    name?: string;
    state?: string;
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
    if (filter.name) qb.andWhere(`j.name ILIKE :name ESCAPE '\\'`, { name: `%${escapeLike(filter.name)}%` });
    if (filter.state) qb.andWhere(`${CURRENT_STATUS} = :state`, { state: filter.state });
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

  /**
   * Pause by hand, with an optional note (a job paused already keeps its reason; the note is
   * replaced when one is given).
   */
  async pause(id: string, note: string | null, at: Date): Promise<JobEntity | null> {
    await this.ds.query(
      `UPDATE jobs SET enabled = false, version = version + 1, updated_at = now(),
              pause_reason = CASE WHEN enabled THEN 'manual' ELSE COALESCE(pause_reason, 'manual') END,
              pause_note = COALESCE($2, CASE WHEN enabled THEN NULL ELSE pause_note END),
              paused_at = CASE WHEN enabled THEN $3 ELSE COALESCE(paused_at, $3) END
        WHERE id = $1 AND (enabled OR $2::text IS NOT NULL)`,
      [id, note, at],
    );
    return this.findById(id);
  }

  /**
   * Resume. The anchor moves (nothing fires for the time the job was paused), the pause is
   * forgotten, and the state keys its type names (`clears`: an alert's flood window) are dropped in
   * the same transaction, with a revision bump so a run computed before the resume loses its write.
   */
  async resume(id: string, anchorAt: Date, clears: readonly string[] = []): Promise<JobEntity | null> {
    await this.ds.transaction(async (em) => {
      const rows = await em.query(
        `UPDATE jobs SET enabled = true, version = version + 1, updated_at = now(), anchor_at = $2,
                pause_reason = NULL, pause_note = NULL, paused_at = NULL
          WHERE id = $1 AND NOT enabled RETURNING id`,
        [id, anchorAt],
      );
      if (rowsOf(rows).length > 0 && clears.length > 0)
        await em.query(
          `UPDATE job_states SET rev = rev + 1, state = state - $2::text[] WHERE job_id = $1 AND state ?| $2::text[]`,
          [id, clears],
        );
    });
    return this.findById(id);
  }

  /**
   * Jobs their type or their failures paused (an alert's flood guard, `pauseOnFailures`), in the
   * caller's transaction: disabled with the reason and note, and a version bump tells every replica.
   */
  async pauseMany(
    em: EntityManager,
    paused: Array<{ jobId: string; reason: PauseReason; note: string }>,
    at: Date,
  ): Promise<void> {
    if (paused.length === 0) return;
    await em.query(
      `UPDATE jobs j SET enabled = false, version = j.version + 1, updated_at = now(),
              pause_reason = u.reason, pause_note = u.note, paused_at = $4
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, reason, note) WHERE j.id = u.id AND j.enabled`,
      [paused.map((p) => p.jobId), paused.map((p) => p.reason), paused.map((p) => p.note), at],
    );
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

  /**
   * `pauseOnFailures`: when the job's last `n` finished runs all failed or timed out, pauses it
   * (reason `failures`, with a note) and records a `paused` event, in one statement. Answers
   * whether it paused the job now. Called only after a failed run, so it costs nothing otherwise.
   * `alongside` (the pause's notification) is written in the same transaction, only when it paused.
   */
  async pauseAfterFailures(
    jobId: string,
    n: number,
    at: Date,
    runAt: Date,
    alongside?: (em: EntityManager, note: string) => Promise<void>,
  ): Promise<boolean> {
    if (!alongside) return this.pauseIfFailing(this.ds.manager, jobId, n, at, runAt);
    return this.ds.transaction(async (em) => {
      const paused = await this.pauseIfFailing(em, jobId, n, at, runAt);
      if (paused) await alongside(em, failuresNote(jobId, n));
      return paused;
    });
  }

  private async pauseIfFailing(em: EntityManager, jobId: string, n: number, at: Date, runAt: Date): Promise<boolean> {
    const rows = rowsOf(
      await em.query(
        `WITH last AS (SELECT status FROM job_runs
                        WHERE job_id = $1 AND status IN ('succeeded', 'failed', 'timedOut')
                        ORDER BY scheduled_for DESC LIMIT $2),
              streak AS (SELECT count(*) = $2 AND bool_and(status <> 'succeeded') AS failing FROM last),
              paused AS (UPDATE jobs SET enabled = false, version = version + 1, updated_at = now(),
                                pause_reason = 'failures', pause_note = $3, paused_at = $4
                          WHERE id = $1 AND enabled AND (SELECT failing FROM streak) RETURNING id),
              event AS (INSERT INTO alert_events (job_id, at, bar_time, type, "values", reason)
                        SELECT id, $4, $5, 'paused', jsonb_build_object('failedRuns', $2::int), 'failures' FROM paused
                        ON CONFLICT (job_id, bar_time, type) DO NOTHING RETURNING 1)
         SELECT id FROM paused`,
        [jobId, n, failuresNote(jobId, n), at, runAt],
      ),
    );
    return rows.length > 0;
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

  /** Jobs by type, enabled flag and the status of their current state (the dashboard's overview). */
  async countsByTypeAndState(): Promise<JobCountRow[]> {
    return this.ds.query(
      `SELECT j.type, j.enabled, ${CURRENT_STATUS} AS state, count(*)::int AS count
         FROM jobs j GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
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

/** The note of a pause by `pauseOnFailures`. */
function failuresNote(jobId: string, n: number): string {
  return `failures: the last ${n} runs failed; resume with POST /jobs/${jobId}/resume`;
}
