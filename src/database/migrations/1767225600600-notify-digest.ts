import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digests (an alert's `notify.digestSeconds`, CONTRACT §8): an alert notification that waits to be
 * folded has `digest_seconds`; once folded, `digest_id` names the `alert.digest` row that carries it,
 * whose delivery outcome the item mirrors. Rows with `digest_seconds` are never claimed themselves,
 * so the claim's indexes leave them out; a partial index finds the ones still waiting.
 */
export class NotifyDigest1767225600600 implements MigrationInterface {
  name = 'NotifyDigest1767225600600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN digest_seconds integer, ADD COLUMN digest_id uuid`);
    await q.query(`DROP INDEX notifications_due_idx`);
    await q.query(
      `CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending' AND digest_seconds IS NULL`,
    );
    await q.query(`DROP INDEX notifications_recipient_pending_idx`);
    await q.query(
      `CREATE INDEX notifications_recipient_pending_idx ON notifications (recipient, created_at, id)
        WHERE status = 'pending' AND digest_seconds IS NULL`,
    );
    await q.query(
      `CREATE INDEX notifications_digest_waiting_idx ON notifications (recipient, created_at, id)
        WHERE status = 'pending' AND digest_seconds IS NOT NULL AND digest_id IS NULL`,
    );
    await q.query(`CREATE INDEX notifications_digest_idx ON notifications (digest_id) WHERE digest_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_digest_idx`);
    await q.query(`DROP INDEX notifications_digest_waiting_idx`);
    await q.query(`DROP INDEX notifications_recipient_pending_idx`);
    await q.query(
      `CREATE INDEX notifications_recipient_pending_idx ON notifications (recipient, created_at, id) WHERE status = 'pending'`,
    );
    await q.query(`DROP INDEX notifications_due_idx`);
    await q.query(`CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE notifications DROP COLUMN digest_id, DROP COLUMN digest_seconds`);
  }
}
