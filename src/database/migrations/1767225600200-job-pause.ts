import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a job is paused (CONTRACT §8): `pause_reason` (`manual`, `flood`, `failures`), the
 * operator's or the guard's `pause_note`, and when. `pause_on_failures`: the job's own
 * `pauseOnFailures` (null: never). Alert events gain a `reason` (a `paused` event says `flood`).
 */
export class JobPause1767225600200 implements MigrationInterface {
  name = 'JobPause1767225600200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jobs
        ADD COLUMN pause_reason varchar(16),
        ADD COLUMN pause_note text,
        ADD COLUMN paused_at timestamptz(3),
        ADD COLUMN pause_on_failures integer`);
    // Jobs paused before this migration were paused by hand.
    await q.query(`UPDATE jobs SET pause_reason = 'manual' WHERE NOT enabled AND status = 'active'`);
    await q.query(`ALTER TABLE alert_events ADD COLUMN reason varchar(32)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_events DROP COLUMN reason`);
    await q.query(`
      ALTER TABLE jobs DROP COLUMN pause_reason, DROP COLUMN pause_note, DROP COLUMN paused_at, DROP COLUMN pause_on_failures`);
  }
}
