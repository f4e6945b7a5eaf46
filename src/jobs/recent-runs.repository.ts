import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CursorKey } from '../common/cursor.js';
import type { JobRunEntity } from './job-run.entity.js';
import { rowsOf } from '../database/sql-params.js';
import { toRun } from './runs.repository.js';

/** A replica seen through the runs it started. */
export interface InstanceActivity {
  instanceId: string;
  runs: number;
  lastStartedAt: Date | null;
}

/**
 * Reads of `job_runs` across every job, for operators (the dashboard's recent failures and replicas).
 * Both walk the `created_at` index from the newest row, so they stay cheap on a large table.
 */
@Injectable()
export class RecentRunsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Runs with one of `statuses` (any when empty), newest first, each with its job's name. */
  async list(
    statuses: readonly string[],
    limit: number,
    before: CursorKey | null,
  ): Promise<Array<{ run: JobRunEntity; jobName: string }>> {
    const rows = rowsOf(
      await this.ds.query(
        `SELECT r.*, j.name AS job_name FROM job_runs r JOIN jobs j ON j.id = r.job_id
          WHERE (cardinality($1::text[]) = 0 OR r.status = ANY($1::text[]))
            AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2, $3::uuid))
          ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
        [statuses, before?.t ?? null, before?.id ?? null, limit],
      ),
    );
    return rows.map((r) => ({ run: toRun(r), jobName: r.job_name }));
  }

  /** Replicas that created runs since `since`, the most recently active first. */
  async instancesSince(since: Date): Promise<InstanceActivity[]> {
    const rows: Array<{ instance_id: string; runs: number; last_started_at: string | null }> = await this.ds.query(
      `SELECT instance_id, count(*)::int AS runs, max(started_at) AS last_started_at FROM job_runs
        WHERE created_at >= $1 AND instance_id IS NOT NULL
        GROUP BY instance_id ORDER BY max(started_at) DESC NULLS LAST, instance_id`,
      [since],
    );
    return rows.map((r) => ({
      instanceId: r.instance_id,
      runs: r.runs,
      lastStartedAt: r.last_started_at ? new Date(r.last_started_at) : null,
    }));
  }
}
