import type { BarJson } from '../../base/domain/bar.js';
import { DIGEST_ITEM_ORDER, DIGEST_ORDER } from './digest.js';

/**
 * What an alert's notification says: it fired (§5), or its flood guard paused it (§8), whose body
 * is the same with the bar it was paused on and a `reason`.
 */
export type AlertNotificationType = 'alert.triggered' | 'alert.paused';

/** The body POSTed to NOTIFY_URL, exactly CONTRACT §5. */
export interface NotificationPayload {
  id: string;
  idempotencyKey: string;
  type: AlertNotificationType;
  jobId: string;
  jobName: string;
  symbol: string;
  timeframe: string;
  provider: string;
  bar: BarJson;
  values: Record<string, number | null>;
  message: string;
  channels: string[];
  recipient: string | null;
  priority: string | null;
  triggeredAt: string;
  /** `alert.paused`: why (`flood`). */
  reason?: string;
}

/**
 * What the alert engine hands to `NotificationsRepository.enqueue`: the §5 body without the parts
 * the outbox assigns (`id`, `idempotencyKey` from jobId and bar.openTime). `type` defaults to
 * `alert.triggered`; any other type's key is suffixed with it (`<jobId>:<bar>:alert.paused`), so a
 * bar's trigger and the pause it caused are two notifications, each at most once.
 * `digestSeconds` (the alert's `notify.digestSeconds`) is not part of the body: the row waits to be
 * folded into its recipient's `alert.digest` (see digest.ts).
 */
export type NotificationInput = Omit<NotificationPayload, 'id' | 'idempotencyKey' | 'type'> & {
  type?: AlertNotificationType;
  digestSeconds?: number;
};

/** `<jobId>:<bar openTime ISO>`: the unique key that makes each (job, bar) notify at most once. */
export function notificationKey(jobId: string, barOpenTime: string | number | Date): string {
  return `${jobId}:${isCanonicalIso(barOpenTime) ? barOpenTime : new Date(barOpenTime).toISOString()}`;
}

/** Already what toISOString gives (`2026-01-05T14:00:00.000Z`, as in every BarJson): no reparse, 100,000 times a bar. */
function isCanonicalIso(t: unknown): t is string {
  return typeof t === 'string' && t.length === 24 && t[10] === 'T' && t[19] === '.' && t[23] === 'Z';
}

/** The §5 body, its keys in the contract's order (built field by field: a bar close may build 100,000). */
export function toPayload(input: NotificationInput, id: string): NotificationPayload {
  const type = input.type ?? 'alert.triggered';
  const key = notificationKey(input.jobId, input.bar.openTime);
  const payload: NotificationPayload = {
    id,
    idempotencyKey: type === 'alert.triggered' ? key : `${key}:${type}`,
    type,
    jobId: input.jobId,
    jobName: input.jobName,
    symbol: input.symbol,
    timeframe: input.timeframe,
    provider: input.provider,
    bar: input.bar,
    values: input.values,
    message: input.message,
    channels: input.channels,
    recipient: input.recipient,
    priority: input.priority,
    triggeredAt: input.triggeredAt,
  };
  if (input.reason !== undefined) payload.reason = input.reason;
  return payload;
}

const ORDER: Array<keyof NotificationPayload> = [
  'id',
  'idempotencyKey',
  'type',
  'jobId',
  'jobName',
  'symbol',
  'timeframe',
  'provider',
  'bar',
  'values',
  'message',
  'channels',
  'recipient',
  'priority',
  'triggeredAt',
  'reason',
];
const BAR_ORDER: Array<keyof BarJson> = ['openTime', 'closeTime', 'open', 'high', 'low', 'close', 'volume'];

/** `source` with the keys named in `order` first, in that order; any others after them. */
function ordered(source: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in source) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out;
}

/**
 * The JSON text sent on the wire, keys in the contract's order. The outbox stores the body as
 * jsonb, which keeps keys in its own order; a receiver must not care, but a human reading a
 * request log should see the documented shape.
 */
export function wireBody(stored: Record<string, unknown>): string {
  if (stored.type === 'alert.digest') {
    const digest = ordered(stored, DIGEST_ORDER);
    if (Array.isArray(digest.items))
      digest.items = digest.items.map((item: Record<string, unknown>) => {
        const out = ordered(item, DIGEST_ITEM_ORDER);
        if (out.bar && typeof out.bar === 'object') out.bar = ordered(out.bar as Record<string, unknown>, BAR_ORDER);
        return out;
      });
    return JSON.stringify(digest);
  }
  const body = ordered(stored, ORDER);
  if (body.bar && typeof body.bar === 'object') body.bar = ordered(body.bar as Record<string, unknown>, BAR_ORDER);
  return JSON.stringify(body);
}
