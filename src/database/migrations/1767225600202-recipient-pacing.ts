import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pacing per recipient (NOTIFY_RATE_PER_RECIPIENT, and a 429's Retry-After for that recipient
 * only). `notifications.recipient` is the payload's (empty when it has none), so a claim can keep
 * one recipient's notifications in order with an index probe; `notify_recipients.next_at` is the
 * earliest a delivery to that recipient may start, shared by every replica.
 */
export class RecipientPacing1767225600202 implements MigrationInterface {
  name = 'RecipientPacing1767225600202';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN recipient varchar(200) NOT NULL DEFAULT ''`);
    await q.query(
      `UPDATE notifications SET recipient = left(payload->>'recipient', 200) WHERE payload->>'recipient' IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX notifications_recipient_pending_idx ON notifications (recipient, created_at, id) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE notify_recipients (
        recipient varchar(200) PRIMARY KEY,
        next_at timestamptz(3) NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notify_recipients`);
    await q.query(`DROP INDEX notifications_recipient_pending_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN recipient`);
  }
}
