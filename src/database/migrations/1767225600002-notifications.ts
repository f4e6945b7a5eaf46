import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox (CONTRACT §5). A row is written in the alert engine's transaction and
 * delivered later by whichever replica claims it.
 *
 * - `idempotency_key` (`<jobId>:<bar openTime ISO>`) is UNIQUE: the database, not the code,
 *   guarantees at most one notification per (job, bar).
 * - `job_id` is ON DELETE SET NULL: deleting a job must not lose what it already triggered; the
 *   pending notification is still delivered (its payload carries jobId and jobName).
 * - `claimed_by`/`claimed_until` are a delivery lease: a replica that dies mid-delivery loses its
 *   claim when the lease runs out and another replica delivers the row (at-least-once).
 */
export class Notifications1767225600002 implements MigrationInterface {
  name = 'Notifications1767225600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        idempotency_key varchar(200) NOT NULL,
        job_id uuid REFERENCES jobs(id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL,
        last_error text,
        last_status_code integer,
        last_response text,
        created_at timestamptz(3) NOT NULL,
        sent_at timestamptz(3),
        claimed_by varchar(100),
        claimed_until timestamptz(3),
        CONSTRAINT notifications_idempotency_key_unique UNIQUE (idempotency_key)
      )`);
    // The dispatcher's claim: due pending rows in due order. Partial, so sent rows cost nothing.
    await q.query(`CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status = 'pending'`);
    // GET /notifications, newest first, optionally by status or job; and ON DELETE SET NULL's lookup.
    // The status index leaves out sent rows (most of the table, listed through the first index), so
    // recording a delivery, the hot path, writes one index entry fewer.
    await q.query(`CREATE INDEX notifications_created_idx ON notifications (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX notifications_unsent_created_idx ON notifications (status, created_at DESC, id DESC) WHERE status <> 'sent'`,
    );
    await q.query(`CREATE INDEX notifications_job_created_idx ON notifications (job_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
