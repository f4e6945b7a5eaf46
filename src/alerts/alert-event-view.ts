import type { StoredAlertEvent } from './alert-events.repository.js';

/** An alert event as `GET /jobs/:id/events` answers it (CONTRACT §4a "Events"). */
export function alertEventView(e: StoredAlertEvent & { id: string }) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    barTime: e.barTime.toISOString(),
    type: e.type,
    from: e.from,
    to: e.to,
    values: e.values,
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.type === 'error' ? { error: e.error ?? null } : {}),
  };
}

export type AlertEventView = ReturnType<typeof alertEventView>;
