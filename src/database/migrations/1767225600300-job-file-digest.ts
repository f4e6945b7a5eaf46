import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `jobs.file_digest`: the digest of the definition an ALERTS_DIR file last synced into a job. A sync
 * compares digests, so a file that did not change leaves its job (state, pause, `done`) alone.
 * Null for API jobs, and for file jobs synced before this column: their next sync replaces them once.
 */
export class JobFileDigest1767225600300 implements MigrationInterface {
  name = 'JobFileDigest1767225600300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs ADD COLUMN file_digest varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs DROP COLUMN file_digest`);
  }
}
