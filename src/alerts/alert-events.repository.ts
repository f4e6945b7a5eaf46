import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorKey } from '../common/cursor.js';
import { rowsOf } from '../jobs/runs.repository.js';

export interface StoredAlertEvent {
  jobId: string;
  at: Date;
  barTime: Date;
  type: string;
  from: string | null;
  to: string | null;
  values: Record<string, number | null>;
}

/** Every query on `alert_events`, and the guarded write of alert state on `jobs`. */
@Injectable()
export class AlertEventsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Writes new alert states, only where the stored revision is still the one read: of several
   * replicas or retries stepping the same alert, exactly one write wins; the others see their id
   * missing from the answer and drop their events and notifications with the transaction.
   */
  async saveStates(em: EntityManager, updates: Array<{ jobId: string; rev: number; state: Record<string, unknown>; status: string }>): Promise<Set<string>> {
    if (updates.length === 0) return new Set();
    // One JSON document rather than parallel arrays: pg would quote-escape every element of a jsonb[].
    const rows = rowsOf(await em.query(
      `UPDATE jobs j SET state = u.state, status = u.status,
              enabled = CASE WHEN u.status = 'active' THEN j.enabled ELSE false END,
              version = CASE WHEN u.status = 'active' THEN j.version ELSE j.version + 1 END,
              updated_at = CASE WHEN u.status = 'active' THEN j.updated_at ELSE now() END
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, rev int, state jsonb, status text)
        WHERE j.id = u.id AND COALESCE((j.state->>'rev')::int, 0) = u.rev
        RETURNING j.id`,
      [JSON.stringify(updates.map((u) => ({ id: u.jobId, rev: u.rev, state: u.state, status: u.status })))],
    ));
    return new Set(rows.map((r: { id: string }) => r.id));
  }

  async insert(em: EntityManager, events: StoredAlertEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 5000) {
      const chunk = events.slice(i, i + 5000);
      await em.query(
        `INSERT INTO alert_events (job_id, at, bar_time, type, from_status, to_status, "values")
         SELECT job_id, at, bar_time, type, from_status, to_status, "values"
           FROM jsonb_to_recordset($1::jsonb)
             AS t(job_id uuid, at timestamptz, bar_time timestamptz, type text, from_status text, to_status text, "values" jsonb)
         ON CONFLICT (job_id, bar_time, type) DO NOTHING`,
        [JSON.stringify(chunk.map((e) => ({
          job_id: e.jobId, at: e.at, bar_time: e.barTime, type: e.type, from_status: e.from, to_status: e.to, values: e.values,
        })))],
      );
    }
  }

  /** Newest first. */
  async list(jobId: string, limit: number, before: CursorKey | null): Promise<Array<StoredAlertEvent & { id: string }>> {
    const rows = await this.ds.query(
      `SELECT * FROM alert_events WHERE job_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2, $3::uuid))
        ORDER BY at DESC, id DESC LIMIT $4`,
      [jobId, before?.t ?? null, before?.id ?? null, limit],
    );
    return rows.map((r: Record<string, any>) => ({
      id: r.id, jobId: r.job_id, at: new Date(r.at), barTime: new Date(r.bar_time), type: r.type,
      from: r.from_status, to: r.to_status, values: r.values,
    }));
  }
}
