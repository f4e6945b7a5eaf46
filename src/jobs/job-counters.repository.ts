import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { arrayLiteral } from '../database/sql-params.js';

/** A job's counters since creation (CONTRACT §8 `GET /jobs/:id`). */
export interface JobCounters {
  fired: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  missed: number;
  skipped: number;
  notified: number;
  delivered: number;
}

/** A run or notification deleted by retention, to be folded into the counters. */
export interface PurgedRow {
  job_id: string;
  status: string;
}

/** One fire time as `GET /jobs/:id` lists it among the last five. */
export interface RecentFire {
  at: string;
  status: string;
  trigger: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const n = (v: any) => Number(v ?? 0);

/**
 * Counters are derived from rows that already exist, so the hot path writes nothing for them: a
 * run's row counts as fired and by its status, a notification's row as notified and, once sent,
 * delivered. `job_counters` (migration 1767225600201) holds only what those rows cannot: fire
 * times the misfire policy dropped (`missed`), and what retention deleted, folded in by the very
 * statement that deletes it (see `foldPurged`).
 */
/**
 * A `skipped` run record that stands for a fire time the misfire policy dropped (its error is
 * `missed: …`, scheduler.service.ts): counted in `missed` (job_counters), not as an overlap skip.
 */
export const MISSED_RECORD = `(status = 'skipped' AND COALESCE(error, '') LIKE 'missed:%')`;

@Injectable()
export class JobCountersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The counters of one job: the folded base plus a count of its live rows (index scans on job_id). */
  async get(jobId: string): Promise<JobCounters> {
    const [row] = await this.ds.query(
      `SELECT c.fired + r.fired AS fired, c.succeeded + r.succeeded AS succeeded, c.failed + r.failed AS failed,
              c.timed_out + r.timed_out AS timed_out, c.missed, c.skipped + r.skipped AS skipped,
              c.notified + o.notified AS notified, c.delivered + o.delivered AS delivered
         FROM (SELECT COALESCE(sum(fired), 0) AS fired, COALESCE(sum(succeeded), 0) AS succeeded,
                      COALESCE(sum(failed), 0) AS failed, COALESCE(sum(timed_out), 0) AS timed_out,
                      COALESCE(sum(missed), 0) AS missed, COALESCE(sum(skipped), 0) AS skipped,
                      COALESCE(sum(notified), 0) AS notified, COALESCE(sum(delivered), 0) AS delivered
                 FROM job_counters WHERE job_id = $1) c,
              (SELECT count(*) FILTER (WHERE status <> 'skipped') AS fired,
                      count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
                      count(*) FILTER (WHERE status = 'failed') AS failed,
                      count(*) FILTER (WHERE status = 'timedOut') AS timed_out,
                      count(*) FILTER (WHERE status = 'skipped' AND NOT ${MISSED_RECORD}) AS skipped
                 FROM job_runs WHERE job_id = $1) r,
              (SELECT count(*) AS notified, count(*) FILTER (WHERE status = 'sent') AS delivered
                 FROM notifications WHERE job_id = $1) o`,
      [jobId],
    );
    return {
      fired: n(row.fired),
      succeeded: n(row.succeeded),
      failed: n(row.failed),
      timedOut: n(row.timed_out),
      missed: n(row.missed),
      skipped: n(row.skipped),
      notified: n(row.notified),
      delivered: n(row.delivered),
    };
  }

  /** The job's five latest fire times (scheduled, caught up or manual), newest first, with what became of each. */
  async lastFires(jobId: string, limit = 5): Promise<RecentFire[]> {
    const rows = await this.ds.query(
      `SELECT scheduled_for, status, trigger FROM job_runs WHERE job_id = $1 ORDER BY scheduled_for DESC LIMIT $2`,
      [jobId, limit],
    );
    return rows.map((r: any) => ({
      at: new Date(r.scheduled_for).toISOString(),
      status: r.status,
      trigger: r.trigger,
    }));
  }

  /** Fire times the misfire policy did not run, by job (rare: after downtime). One statement for all. */
  async addMissed(missed: Map<string, number>): Promise<void> {
    if (missed.size === 0) return;
    await this.ds.query(
      `INSERT INTO job_counters (job_id, missed)
       SELECT u.id, u.n FROM unnest($1::uuid[], $2::bigint[]) AS u(id, n) JOIN jobs j ON j.id = u.id
       ON CONFLICT (job_id) DO UPDATE SET missed = job_counters.missed + excluded.missed`,
      [arrayLiteral([...missed.keys()]), arrayLiteral([...missed.values()])],
    );
  }

  /**
   * Folds the runs (`kind` runs) or notifications retention is deleting into the counters; `deleted`
   * is a data-modifying CTE (`DELETE … RETURNING job_id, status`) run in the same statement, so
   * the counts cannot drift from what was deleted.
   */
  async foldPurged(em: EntityManager | DataSource, kind: 'runs' | 'notifications', deleted: string, params: unknown[]) {
    const sums =
      kind === 'runs'
        ? `count(*) FILTER (WHERE d.status NOT IN ('skipped', 'missed')), count(*) FILTER (WHERE d.status = 'succeeded'),
           count(*) FILTER (WHERE d.status = 'failed'), count(*) FILTER (WHERE d.status = 'timedOut'),
           count(*) FILTER (WHERE d.status = 'skipped'), 0, 0`
        : `0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE d.status = 'sent')`;
    const [row] = await em.query(
      `WITH deleted AS (${deleted}),
            folded AS (
              INSERT INTO job_counters (job_id, fired, succeeded, failed, timed_out, skipped, notified, delivered)
              SELECT d.job_id, ${sums} FROM deleted d JOIN jobs j ON j.id = d.job_id GROUP BY d.job_id
              ON CONFLICT (job_id) DO UPDATE SET
                fired = job_counters.fired + excluded.fired, succeeded = job_counters.succeeded + excluded.succeeded,
                failed = job_counters.failed + excluded.failed, timed_out = job_counters.timed_out + excluded.timed_out,
                skipped = job_counters.skipped + excluded.skipped, notified = job_counters.notified + excluded.notified,
                delivered = job_counters.delivered + excluded.delivered
              RETURNING 1)
       SELECT (SELECT count(*) FROM deleted)::int AS deleted`,
      params,
    );
    return row.deleted as number;
  }
}
