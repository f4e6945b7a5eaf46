/** An outbox row as `GET /notifications` shows it. `nextAttemptAt` only means something while pending. */
export function notificationView(n) {
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
        payload: n.payload,
    };
}
//# sourceMappingURL=notification-view.js.map