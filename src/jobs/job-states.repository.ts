import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { arrayLiteral, rowsOf } from '../database/sql-params.js';

/** A job's row in `job_states`: what its runs last wrote. */
export interface StoredJobState {
  rev: number;
  /** The type's progress marker (an alert: openTime in ms of the newest closed bar stepped). */
  cursor: number | null;
  /** Null until a run changes it: until then the job's state is `jobs.state`. */
  state: Record<string, unknown> | null;
}

/**
 * Guarded writes to apply together, kept column by column (a bar close writes 100,000 of them).
 * Each is computed from the revision read (null when the job had no row: its first write inserts
 * it) and carries the new cursor, plus the new state unless only the cursor moves (the common
 * case: nothing happened on the bar).
 */
export class JobStateWrites {
  readonly inserts: Array<{ id: string; cursor: number | null; state: Record<string, unknown> | null }> = [];
  readonly advanceIds: string[] = [];
  readonly advanceRevs: number[] = [];
  readonly advanceCursors: Array<number | null> = [];
  readonly full: Array<{ id: string; rev: number; cursor: number | null; state: Record<string, unknown> }> = [];

  add(jobId: string, rev: number | null, cursor: number | null, state?: Record<string, unknown>): void {
    if (rev === null) {
      this.inserts.push({ id: jobId, cursor, state: state ?? null });
    } else if (state === undefined) {
      this.advanceIds.push(jobId);
      this.advanceRevs.push(rev);
      this.advanceCursors.push(cursor);
    } else {
      this.full.push({ id: jobId, rev, cursor, state });
    }
  }
}

/** `write` applied by `dml` to the rows of `source` (aliased u): answers the ids of u it did not apply to. */
const losersOf = (source: string, dml: string) =>
  `WITH u AS (${source}), done AS (${dml} RETURNING job_id)
   SELECT id FROM u WHERE NOT EXISTS (SELECT 1 FROM done WHERE done.job_id = u.id)`;

/**
 * Every query on `job_states`: type-owned job state that runs rewrite, guarded by a revision.
 * Writes are set-based, a handful of statements for any number of jobs.
 */
@Injectable()
export class JobStatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async load(jobIds: string[], em?: EntityManager): Promise<Map<string, StoredJobState>> {
    if (jobIds.length === 0) return new Map();
    const rows = await (em ?? this.ds).query(
      'SELECT job_id, rev, cursor, state FROM job_states WHERE job_id = ANY($1::uuid[])',
      [arrayLiteral(jobIds)],
    );
    return new Map(
      rows.map((r: { job_id: string; rev: number; cursor: string | null; state: Record<string, unknown> | null }) => [
        r.job_id,
        { rev: r.rev, cursor: r.cursor === null ? null : Number(r.cursor), state: r.state },
      ]),
    );
  }

  /**
   * Applies the writes whose revision still matches (or, for a first write, whose row nobody else
   * inserted meanwhile), each bumping the revision; answers the job ids that LOST. A write that lost
   * was computed from a state someone else already moved on: its caller drops what it derived.
   * Losers are rare, so each statement answers only them (an anti-join in the database), not the
   * 100,000 winners.
   */
  async write(em: EntityManager, writes: JobStateWrites): Promise<Set<string>> {
    const lost = new Set<string>();
    const add = (rows: Array<{ id: string }>) => {
      for (const r of rows) lost.add(r.id);
    };
    if (writes.inserts.length) {
      add(
        rowsOf(
          await em.query(
            losersOf(
              'SELECT * FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, cursor bigint, state jsonb)',
              'INSERT INTO job_states (job_id, rev, cursor, state) SELECT id, 1, cursor, state FROM u ON CONFLICT (job_id) DO NOTHING',
            ),
            [JSON.stringify(writes.inserts)],
          ),
        ),
      );
    }
    if (writes.advanceIds.length) {
      add(
        rowsOf(
          await em.query(
            losersOf(
              'SELECT * FROM unnest($1::uuid[], $2::int[], $3::bigint[]) AS u(id, rev, cursor)',
              'UPDATE job_states s SET rev = s.rev + 1, cursor = u.cursor FROM u WHERE s.job_id = u.id AND s.rev = u.rev',
            ),
            [arrayLiteral(writes.advanceIds), arrayLiteral(writes.advanceRevs), arrayLiteral(writes.advanceCursors)],
          ),
        ),
      );
    }
    if (writes.full.length) {
      add(
        rowsOf(
          await em.query(
            losersOf(
              'SELECT * FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, rev int, cursor bigint, state jsonb)',
              'UPDATE job_states s SET rev = s.rev + 1, cursor = u.cursor, state = u.state FROM u WHERE s.job_id = u.id AND s.rev = u.rev',
            ),
            [JSON.stringify(writes.full)],
          ),
        ),
      );
    }
    return lost;
  }

  /** The job was redefined: its state starts again from `jobs.state`, and writes computed before now lose. */
  async reset(em: EntityManager, jobId: string): Promise<void> {
    await em.query(
      `INSERT INTO job_states (job_id, rev) VALUES ($1, 1)
       ON CONFLICT (job_id) DO UPDATE SET rev = job_states.rev + 1, cursor = NULL, state = NULL`,
      [jobId],
    );
  }
}
