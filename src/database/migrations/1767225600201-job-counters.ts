import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job's counters since creation (CONTRACT §8) are derived from the rows that already exist
 * (`job_runs` by status, `notifications` by status), so no statement on the hot path writes
 * anything more. This table keeps only what those rows cannot say: fire times the misfire policy
 * dropped (`missed`), and the counts of rows that retention deleted (folded in by the same
 * statement that deletes them).
 */
export class JobCounters1767225600201 implements MigrationInterface {
  name = 'JobCounters1767225600201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_counters (
        job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
        fired bigint NOT NULL DEFAULT 0,
        succeeded bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        timed_out bigint NOT NULL DEFAULT 0,
        missed bigint NOT NULL DEFAULT 0,
        skipped bigint NOT NULL DEFAULT 0,
        notified bigint NOT NULL DEFAULT 0,
        delivered bigint NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_counters`);
  }
}
