import type { BarJson } from '../../base/domain/bar.js';

/** The body POSTed to NOTIFY_URL, exactly CONTRACT §5. */
export interface NotificationPayload {
  id: string;
  idempotencyKey: string;
  type: 'alert.triggered';
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
}

/**
 * What the alert engine hands to `NotificationsRepository.enqueue`: the §5 body without the parts
 * the outbox assigns (`id`, `idempotencyKey` from jobId and bar.openTime, `type`).
 */
export type NotificationInput = Omit<NotificationPayload, 'id' | 'idempotencyKey' | 'type'>;

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
  return {
    id,
    idempotencyKey: notificationKey(input.jobId, input.bar.openTime),
    type: 'alert.triggered',
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
  const body = ordered(stored, ORDER);
  if (body.bar && typeof body.bar === 'object') body.bar = ordered(body.bar as Record<string, unknown>, BAR_ORDER);
  return JSON.stringify(body);
}
