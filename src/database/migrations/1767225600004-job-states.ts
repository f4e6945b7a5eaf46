import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Type-owned job state that runs rewrite often (an alert's state machine and the last bar it
 * stepped), kept off the wide `jobs` row. At a bar close every alert advances its cursor: on a
 * narrow row, and with fill factor 50 so the update stays on its page (a HOT update: no index
 * entry), 100,000 advances cost a fraction of rewriting 100,000 `jobs` rows.
 *
 * - `rev` guards every write: of several replicas or retries stepping the same job, the one whose
 *   read revision still matches wins; an edit of the job bumps it too.
 * - `cursor`: the type's progress marker (for alerts, the openTime in ms of the newest closed bar stepped).
 * - `state`: null until the first change; then it replaces `jobs.state` (the state at creation or edit).
 */
export class JobStates1767225600004 implements MigrationInterface {
  name = 'JobStates1767225600004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_states (
        job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        rev integer NOT NULL,
        cursor bigint,
        state jsonb
      ) WITH (fillfactor = 50)`);
    // Alerts stepped before this migration kept rev and cursor inside jobs.state.
    await q.query(`
      INSERT INTO job_states (job_id, rev, cursor, state)
      SELECT id, COALESCE((state->>'rev')::int, 0), (state->>'lastEvaluatedBarOpen')::bigint, state - 'rev' - 'lastEvaluatedBarOpen'
        FROM jobs WHERE type = 'alert' AND state IS NOT NULL`);
    await q.query(
      `UPDATE jobs SET state = state - 'rev' - 'lastEvaluatedBarOpen' WHERE type = 'alert' AND state IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE jobs j SET state = COALESCE(s.state, j.state) || jsonb_build_object('rev', s.rev)
             || CASE WHEN s.cursor IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('lastEvaluatedBarOpen', s.cursor) END
        FROM job_states s WHERE s.job_id = j.id`);
    await q.query(`DROP TABLE job_states`);
  }
}
