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
    const rows = rowsOf(await em.query(
      `UPDATE jobs j SET state = u.state, status = u.status,
              enabled = CASE WHEN u.status = 'active' THEN j.enabled ELSE false END,
              version = CASE WHEN u.status = 'active' THEN j.version ELSE j.version + 1 END,
              updated_at = CASE WHEN u.status = 'active' THEN j.updated_at ELSE now() END
         FROM (SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[], $4::text[]) AS t(id, rev, state, status)) u
        WHERE j.id = u.id AND COALESCE((j.state->>'rev')::int, 0) = u.rev
        RETURNING j.id`,
      [updates.map((u) => u.jobId), updates.map((u) => u.rev), updates.map((u) => JSON.stringify(u.state)), updates.map((u) => u.status)],
    ));
    return new Set(rows.map((r: { id: string }) => r.id));
  }

  async insert(em: EntityManager, events: StoredAlertEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 5000) {
      const chunk = events.slice(i, i + 5000);
      await em.query(
        `INSERT INTO alert_events (job_id, at, bar_time, type, from_status, to_status, "values")
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
         ON CONFLICT (job_id, bar_time, type) DO NOTHING`,
        [chunk.map((e) => e.jobId), chunk.map((e) => e.at), chunk.map((e) => e.barTime), chunk.map((e) => e.type),
          chunk.map((e) => e.from), chunk.map((e) => e.to), chunk.map((e) => JSON.stringify(e.values))],
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
