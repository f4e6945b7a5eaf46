import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorKey } from '../common/cursor.js';

export interface StoredAlertEvent {
  jobId: string;
  at: Date;
  barTime: Date;
  type: string;
  from: string | null;
  to: string | null;
  values: Record<string, number | null>;
  /** Why (a `paused` event: `flood`, `failures`); absent for state transitions. */
  reason?: string | null;
  /** Why, for `error` events: the series could not be loaded. */
  error?: string | null;
}

/** Every query on `alert_events`. */
@Injectable()
export class AlertEventsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(em: EntityManager, events: StoredAlertEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 5000) {
      const chunk = events.slice(i, i + 5000);
      await em.query(
        `INSERT INTO alert_events (job_id, at, bar_time, type, from_status, to_status, "values", reason, error)
         SELECT job_id, at, bar_time, type, from_status, to_status, "values", reason, error
           FROM jsonb_to_recordset($1::jsonb)
             AS t(job_id uuid, at timestamptz, bar_time timestamptz, type text, from_status text, to_status text, "values" jsonb, reason text, error text)
         ON CONFLICT (job_id, bar_time, type) DO NOTHING`,
        [
          JSON.stringify(
            chunk.map((e) => ({
              job_id: e.jobId,
              at: e.at,
              bar_time: e.barTime,
              type: e.type,
              from_status: e.from,
              to_status: e.to,
              values: e.values,
              ...(e.reason ? { reason: e.reason } : {}),
              error: e.error ?? null,
            })),
          ),
        ],
      );
    }
  }

  /** Newest first. */
  async list(
    jobId: string,
    limit: number,
    before: CursorKey | null,
  ): Promise<Array<StoredAlertEvent & { id: string }>> {
    const rows = await this.ds.query(
      `SELECT * FROM alert_events WHERE job_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2, $3::uuid))
        ORDER BY at DESC, id DESC LIMIT $4`,
      [jobId, before?.t ?? null, before?.id ?? null, limit],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      jobId: r.job_id,
      at: new Date(r.at),
      barTime: new Date(r.bar_time),
      type: r.type,
      from: r.from_status,
      to: r.to_status,
      values: r.values,
      reason: r.reason ?? null,
      error: r.error,
    }));
  }
}
