import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Job-level notifications (CONTRACT §8: `notify.onFailure` / `onSuccess`), for every job type; null = none. */
export class JobNotify1767225600101 implements MigrationInterface {
  name = 'JobNotify1767225600101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs ADD COLUMN notify jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs DROP COLUMN notify`);
  }
}
