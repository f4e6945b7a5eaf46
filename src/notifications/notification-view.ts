import type { NotificationEntity } from './notification.entity.js';

/** An outbox row as `GET /notifications` shows it. `nextAttemptAt` only means something while pending. */
export function notificationView(n: NotificationEntity) {
  return {
    id: n.id,
    idempotencyKey: n.idempotencyKey,
    jobId: n.jobId,
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
    lastError: n.lastError,
    lastStatusCode: n.lastStatusCode,
    lastResponse: n.lastResponse,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt ? n.sentAt.toISOString() : null,
    /** An alert notification folded into an `alert.digest`: that digest's row (its outcome is this row's). */
    digestId: n.digestId ?? null,
    payload: n.payload,
  };
}
