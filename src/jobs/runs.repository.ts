import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorKey } from '../common/cursor.js';
import { arrayLiteral, jsonObjectByKey, rowsOf } from '../database/sql-params.js';
import type { JobEntity, JobType } from './job.entity.js';
import { JobCountersRepository, MISSED_RECORD } from './job-counters.repository.js';
import type { JobRunEntity, RunStatus, RunTrigger } from './job-run.entity.js';

export interface ClaimRequest {
  jobId: string;
  /** The version the claiming replica scheduled; a stale replica's claim fails. Null: any (manual runs). */
  version: number | null;
  scheduledFor: Date;
  trigger: RunTrigger;
  /** The job's type, so the executor can hand runs of a batching type over together (not stored). */
  type?: JobType;
  /**
   * The job as the claiming replica holds it, at `version` (not stored): a claim succeeds only for
   * that version, so the executor can run it without reading the job again.
   */
  job?: JobEntity;
}

export interface TakenOverRun {
  run: JobRunEntity;
  maxAttempts: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The error of a run recorded as skipped by its job's overlap policy. */
const OVERLAP_SKIPPED = 'overlap: the previous run was still running';

export function toRun(r: any): JobRunEntity {
  return {
    id: r.id,
    jobId: r.job_id,
    scheduledFor: new Date(r.scheduled_for),
    trigger: r.trigger,
    status: r.status,
    attempt: r.attempt,
    instanceId: r.instance_id,
    leaseUntil: r.lease_until ? new Date(r.lease_until) : null,
    startedAt: r.started_at ? new Date(r.started_at) : null,
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    result: r.result ?? null,
    error: r.error ?? null,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Every query on `job_runs`. The unique key `(job_id, scheduled_for)` is what makes a fire time run
 * at most once across replicas and restarts: a claim is an INSERT … ON CONFLICT DO NOTHING, and only
 * the replica whose insert returns a row runs it. Times (`now`) come from the scheduler's
 * database-corrected clock, never from each replica's own idea of the time.
 */
@Injectable()
export class RunsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly counters: JobCountersRepository,
  ) {}

  /**
   * Claims many fire times in one statement. A row is inserted only for a job that still exists
   * at the claimed version, is enabled and active, while the deployment is not paused. Its status
   * follows the job's overlap policy when another run of the job holds a live lease (or comes
   * earlier in the same batch): `running` (allow), `queued` (queue) or `skipped` (skip, recorded,
   * not run). Catch-up fires queue whatever the policy: backfill runs the missed times one by one,
   * oldest first.
   */
  async claimScheduled(reqs: ClaimRequest[], instanceId: string, now: Date, leaseMs: number): Promise<JobRunEntity[]> {
    if (reqs.length === 0) return [];
    const rows = rowsOf(
      await this.ds.query(
        `WITH req AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[]) AS t(job_id, version, scheduled_for, trigger)
       ), eligible AS (
         SELECT req.*, j.overlap,
                row_number() OVER (PARTITION BY req.job_id ORDER BY req.scheduled_for) AS nth,
                EXISTS (SELECT 1 FROM job_runs r WHERE r.job_id = req.job_id
                           AND ((r.status = 'running' AND r.lease_until > $6) OR r.status = 'queued')) AS busy
           FROM req JOIN jobs j ON j.id = req.job_id AND j.version = req.version AND j.enabled AND j.status = 'active'
          WHERE NOT (SELECT paused FROM scheduler_state WHERE id = 1)
       ), decided AS (
         SELECT *, CASE WHEN overlap = 'allow' OR (NOT busy AND nth = 1) THEN 'running'
                        WHEN overlap = 'queue' OR trigger = 'catchup' THEN 'queued'
                        ELSE 'skipped' END AS st
           FROM eligible
       )
       INSERT INTO job_runs (job_id, scheduled_for, trigger, status, attempt, instance_id, lease_until, started_at, finished_at, error, created_at)
       SELECT job_id, scheduled_for, trigger, st, 1, $5,
              CASE WHEN st = 'running' THEN $6::timestamptz + $7 * interval '1 millisecond' END,
              CASE WHEN st = 'running' THEN $6::timestamptz END,
              CASE WHEN st = 'skipped' THEN $6::timestamptz END,
              CASE WHEN st = 'skipped' THEN $8::text END,
              $6::timestamptz
         FROM decided
       ON CONFLICT (job_id, scheduled_for) DO NOTHING
       RETURNING id, job_id, (extract(epoch FROM scheduled_for) * 1000)::bigint AS scheduled_ms, trigger, status`,
        [
          arrayLiteral(reqs.map((r) => r.jobId)),
          arrayLiteral(reqs.map((r) => r.version)),
          arrayLiteral(reqs.map((r) => r.scheduledFor.toISOString())),
          arrayLiteral(reqs.map((r) => r.trigger)),
          instanceId,
          now,
          leaseMs,
          OVERLAP_SKIPPED,
        ],
      ),
    );
    // The rest of each row is what this statement wrote: not read back (a bar close claims 100,000s).
    const leaseUntil = new Date(now.getTime() + leaseMs);
    return rows.map(
      (r: { id: string; job_id: string; scheduled_ms: string; trigger: RunTrigger; status: RunStatus }) => {
        const running = r.status === 'running';
        const skipped = r.status === 'skipped';
        return {
          id: r.id,
          jobId: r.job_id,
          scheduledFor: new Date(Number(r.scheduled_ms)),
          trigger: r.trigger,
          status: r.status,
          attempt: 1,
          instanceId,
          leaseUntil: running ? leaseUntil : null,
          startedAt: running ? now : null,
          finishedAt: skipped ? now : null,
          result: null,
          error: skipped ? OVERLAP_SKIPPED : null,
          createdAt: now,
        };
      },
    );
  }

  /**
   * Fire times the job's misfire policy did not run (after a restart or a database outage): a
   * `skipped` record each, with the reason, so none is lost silently. A time claimed meanwhile keeps its run.
   */
  async recordMissed(
    items: Array<{ jobId: string; scheduledFor: Date; reason: string }>,
    now: Date,
    instanceId: string,
  ): Promise<number> {
    if (items.length === 0) return 0;
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO job_runs (job_id, scheduled_for, trigger, status, attempt, instance_id, finished_at, error, created_at)
         SELECT t.job_id, t.scheduled_for, 'schedule', 'skipped', 1, $4, $5::timestamptz, t.reason, $5::timestamptz
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS t(job_id, scheduled_for, reason)
           JOIN jobs j ON j.id = t.job_id
         ON CONFLICT (job_id, scheduled_for) DO NOTHING RETURNING id`,
        [items.map((i) => i.jobId), items.map((i) => i.scheduledFor), items.map((i) => i.reason), instanceId, now],
      ),
    );
    return rows.length;
  }

  /**
   * `POST /jobs/:id/trigger`: a run now, outside the schedule, whatever the job's enabled flag.
   * Its identity is the instant it was asked for; should that instant be a fire time of the job
   * (or another trigger's), it moves on by a millisecond rather than merging with that run.
   */
  async insertManual(
    jobId: string,
    at: Date,
    status: 'running' | 'queued',
    instanceId: string | null,
    leaseUntil: Date | null,
  ): Promise<JobRunEntity> {
    for (let shift = 0; ; shift++) {
      const scheduledFor = new Date(at.getTime() + shift);
      const [row] = await this.ds.query(
        `INSERT INTO job_runs (job_id, scheduled_for, trigger, status, attempt, instance_id, lease_until, started_at)
         VALUES ($1, $2, 'manual', $3::varchar, 1, $4, $5, CASE WHEN $3::varchar = 'running' THEN $2::timestamptz END)
         ON CONFLICT (job_id, scheduled_for) DO NOTHING RETURNING *`,
        [jobId, scheduledFor, status, instanceId, leaseUntil],
      );
      if (row) return toRun(row);
    }
  }

  /**
   * Records many successful outcomes in one statement (a batch of alert runs); answers the ids recorded.
   * Rows are found by id and each result looked up in one JSON object keyed by id: a join with a
   * set-returning function (estimated at 100 rows) against runs the planner believes few (statistics
   * lag a table that grows by a run per alert per bar) became a nested loop, 280 ms per 1,000 runs
   * instead of 34.
   */
  async finishSucceeded(
    items: Array<{ id: string; result: unknown }>,
    instanceId: string,
    finishedAt: Date,
    /** Written in the same transaction for the runs whose finish this replica recorded (job notifications). */
    alongside?: (em: EntityManager, recorded: Set<string>) => Promise<void>,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const ids = items.map((i) => i.id);
    const update = async (em: EntityManager) => {
      const rows = rowsOf(
        await em.query(
          `UPDATE job_runs r SET status = 'succeeded', finished_at = $3, result = $1::jsonb -> (r.id::text), error = NULL, lease_until = NULL
          WHERE r.id = ANY($4::uuid[]) AND r.instance_id = $2 AND r.status = 'running'
          RETURNING r.id`,
          [
            jsonObjectByKey(
              ids,
              items.map((i) => i.result),
            ),
            instanceId,
            finishedAt,
            arrayLiteral(ids),
          ],
        ),
      );
      const recorded = new Set<string>(rows.map((r: { id: string }) => r.id));
      if (recorded.size > 0 && alongside) await alongside(em, recorded);
      return recorded;
    };
    return alongside ? this.ds.transaction(update) : update(this.ds.manager);
  }

  /** One statement extends the lease of every run this replica is executing. */
  async heartbeat(ids: string[], instanceId: string, leaseUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE job_runs SET lease_until = $3 WHERE id = ANY($1::uuid[]) AND instance_id = $2 AND status = 'running'`,
      [ids, instanceId, leaseUntil],
    );
  }

  async nextAttempt(id: string, instanceId: string, leaseUntil: Date): Promise<boolean> {
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE job_runs SET attempt = attempt + 1, lease_until = $3, error = NULL
        WHERE id = $1 AND instance_id = $2 AND status = 'running' RETURNING id`,
        [id, instanceId, leaseUntil],
      ),
    );
    return rows.length > 0;
  }

  /** Records the outcome; a no-op (false) when another replica took the run over meanwhile. */
  async finish(
    id: string,
    instanceId: string,
    status: RunStatus,
    finishedAt: Date,
    result: unknown,
    error: string | null,
    /** Written in the same transaction, only when this replica's finish is the one recorded (job notifications). */
    alongside?: (em: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    const update = async (em: EntityManager) => {
      const rows = rowsOf(
        await em.query(
          `UPDATE job_runs SET status = $3, finished_at = $4, result = $5::jsonb, error = $6, lease_until = NULL
          WHERE id = $1 AND instance_id = $2 AND status = 'running' RETURNING id`,
          [id, instanceId, status, finishedAt, result === undefined ? null : JSON.stringify(result), error],
        ),
      );
      if (rows.length > 0 && alongside) await alongside(em);
      return rows.length > 0;
    };
    return alongside ? this.ds.transaction(update) : update(this.ds.manager);
  }

  /**
   * Takes over runs whose replica died: their lease ran out. The takeover is a conditional update
   * under SKIP LOCKED, so two replicas never take the same run; each taken run counts an attempt.
   */
  async takeOverExpired(instanceId: string, now: Date, leaseMs: number, limit = 100): Promise<TakenOverRun[]> {
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE job_runs r SET instance_id = $1, lease_until = $2::timestamptz + $3 * interval '1 millisecond', attempt = r.attempt + 1
         FROM jobs j
        WHERE r.id IN (SELECT id FROM job_runs WHERE status = 'running' AND lease_until < $2
                        ORDER BY lease_until LIMIT $4 FOR UPDATE SKIP LOCKED)
          AND j.id = r.job_id
        RETURNING r.*, (j.retry->>'maxAttempts')::int AS max_attempts`,
        [instanceId, now, leaseMs, limit],
      ),
    );
    return rows.map((r: any) => ({ run: toRun(r), maxAttempts: r.max_attempts }));
  }

  /**
   * A stopping replica gives its runs back: `queued`, no owner, so any live replica starts them
   * (startQueued). `nextAttempt`: runs whose attempt failed and were waiting to retry; they come back
   * as that next attempt. Answers how many were handed back (others were taken over meanwhile).
   */
  async handBack(ids: string[], nextAttempt: string[], instanceId: string): Promise<number> {
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE job_runs SET status = 'queued', instance_id = NULL, lease_until = NULL,
                attempt = attempt + CASE WHEN id = ANY($2::uuid[]) THEN 1 ELSE 0 END
          WHERE id = ANY($1::uuid[]) AND instance_id = $3 AND status = 'running' RETURNING id`,
        [arrayLiteral(ids), arrayLiteral(nextAttempt), instanceId],
      ),
    );
    return rows.length;
  }

  /** Starts queued runs (overlap `queue`, or manual runs from an API-only replica) whose job is free. */
  async startQueued(
    instanceId: string,
    now: Date,
    leaseMs: number,
    jobId?: string,
    limit = 50,
  ): Promise<JobRunEntity[]> {
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE job_runs r SET status = 'running', instance_id = $1, started_at = $2,
              lease_until = $2::timestamptz + $3 * interval '1 millisecond'
        WHERE r.id IN (
          SELECT q.id FROM job_runs q JOIN jobs j ON j.id = q.job_id
           WHERE q.status = 'queued' AND ($4::uuid IS NULL OR q.job_id = $4)
             AND q.scheduled_for = (SELECT min(o.scheduled_for) FROM job_runs o WHERE o.job_id = q.job_id AND o.status = 'queued')
             AND (j.overlap = 'allow' OR NOT EXISTS (
                  SELECT 1 FROM job_runs b WHERE b.job_id = q.job_id AND b.status = 'running' AND b.lease_until > $2))
           ORDER BY q.scheduled_for LIMIT $5 FOR UPDATE OF q SKIP LOCKED)
        RETURNING r.*`,
        [instanceId, now, leaseMs, jobId ?? null, limit],
      ),
    );
    return rows.map(toRun);
  }

  /** The latest scheduled (not manual) fire time claimed per job: where misfire detection starts. */
  async lastScheduled(jobIds: string[]): Promise<Map<string, Date>> {
    if (jobIds.length === 0) return new Map();
    const rows: Array<{ job_id: string; last: string }> = await this.ds.query(
      `SELECT job_id, max(scheduled_for) AS last FROM job_runs
        WHERE job_id = ANY($1::uuid[]) AND trigger <> 'manual' GROUP BY job_id`,
      [jobIds],
    );
    return new Map(rows.map((r) => [r.job_id, new Date(r.last)]));
  }

  async list(jobId: string, limit: number, before: CursorKey | null): Promise<JobRunEntity[]> {
    const rows = rowsOf(
      await this.ds.query(
        `SELECT * FROM job_runs WHERE job_id = $1 AND ($2::timestamptz IS NULL OR (scheduled_for, id) < ($2, $3::uuid))
        ORDER BY scheduled_for DESC, id DESC LIMIT $4`,
        [jobId, before?.t ?? null, before?.id ?? null, limit],
      ),
    );
    return rows.map(toRun);
  }

  async findById(id: string): Promise<JobRunEntity | null> {
    const [row] = await this.ds.query('SELECT * FROM job_runs WHERE id = $1', [id]);
    return row ? toRun(row) : null;
  }

  /** Retention: finished runs older than `before`; the latest run of each job is kept (misfire detection needs it). */
  async deleteFinishedBefore(before: Date): Promise<number> {
    // What is deleted is folded into job_counters by the same statement: counters are since creation.
    return this.counters.foldPurged(
      this.ds,
      'runs',
      `DELETE FROM job_runs r WHERE r.created_at < $1 AND r.status NOT IN ('running', 'queued')
          AND r.scheduled_for < (SELECT max(x.scheduled_for) FROM job_runs x WHERE x.job_id = r.job_id)
        RETURNING r.job_id, CASE WHEN ${MISSED_RECORD} THEN 'missed' ELSE r.status END AS status`,
      [before],
    );
  }
}
