import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DigestPayload } from './core/digest.js';
import type { NotificationPayload } from './core/notification-payload.js';

export type NotificationStatus = 'pending' | 'sent' | 'dead';

/** One row of the outbox (migration 1767225600002). Queries are raw SQL in NotificationsRepository. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 }) idempotencyKey: string;
  /** Null once the job is deleted: what it triggered is still delivered. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId: string | null;
  @Column({ type: 'jsonb' }) payload: NotificationPayload | DigestPayload;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status: NotificationStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'last_status_code', type: 'integer', nullable: true }) lastStatusCode: number | null;
  /** The endpoint's answer to the last attempt, truncated. */
  @Column({ name: 'last_response', type: 'text', nullable: true }) lastResponse: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  /** The replica delivering it right now, until `claimedUntil` (its lease). */
  @Column({ name: 'claimed_by', type: 'varchar', length: 100, nullable: true }) claimedBy: string | null;
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  /** Set on an alert notification that waits to be folded into its recipient's digest (migration 1767225600600). */
  @Column({ name: 'digest_seconds', type: 'integer', nullable: true }) digestSeconds?: number | null;
  /** The `alert.digest` row that carries this one; its outcome is this row's too. */
  @Column({ name: 'digest_id', type: 'uuid', nullable: true }) digestId: string | null;
}
