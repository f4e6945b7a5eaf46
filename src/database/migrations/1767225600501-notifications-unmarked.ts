import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Without NOTIFY_URL every enqueue asks the outbox for pending rows not yet marked undeliverable.
 * Unindexed, that is a scan of every pending row per alert batch (100 scans per bar close at
 * 100,000 alerts); this partial index holds only the rows still to be marked, so it is nearly empty.
 */
export class NotificationsUnmarked1767225600501 implements MigrationInterface {
  name = 'NotificationsUnmarked1767225600501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX notifications_unmarked_idx ON notifications (id) WHERE status = 'pending' AND last_error IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_unmarked_idx`);
  }
}
