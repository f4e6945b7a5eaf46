import { createHash } from 'node:crypto';
import type { BarJson } from '../../base/domain/bar.js';
import type { NotificationPayload } from './notification-payload.js';
import { MAX_MESSAGE_CHARS } from './render-message.js';

/** Items per digest: a recipient with more waiting gets several digests, in order (a bounded body). */
export const MAX_DIGEST_ITEMS = 100;
/** An alert's `notify.digestSeconds`: at least 10 s (less is no digest), at most a day. */
export const DIGEST_SECONDS_MIN = 10;
export const DIGEST_SECONDS_MAX = 86_400;

/** One folded notification, as the digest lists it: its own key, so a receiver that dedupes by key sees it once. */
export interface DigestItem {
  idempotencyKey: string;
  jobId: string;
  jobName: string;
  symbol: string;
  timeframe: string;
  provider: string;
  /** The bar's open time (what the item's key is made of). */
  barTime: string;
  bar: BarJson;
  values: Record<string, number | null>;
  message: string;
  triggeredAt: string;
}

/** The body of one `alert.digest` delivery (CONTRACT §8, `notify.digestSeconds`). */
export interface DigestPayload {
  id: string;
  /** `alert.digest:<sha256 of the items' keys>`: the same for the same items, on every retry and replica. */
  idempotencyKey: string;
  type: 'alert.digest';
  recipient: string | null;
  /** Every channel an item names, in first-seen order. */
  channels: string[];
  /** The highest priority among the items. */
  priority: string | null;
  count: number;
  /** One line per item (chat text), bounded like any message. */
  message: string;
  firstTriggeredAt: string;
  lastTriggeredAt: string;
  items: DigestItem[];
}

/** The digest's key, derived from its items' keys in their order. */
export function digestKey(itemKeys: readonly string[]): string {
  return `alert.digest:${createHash('sha256').update(itemKeys.join('\n')).digest('hex')}`;
}

const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2 };

function highestPriority(items: readonly NotificationPayload[]): string | null {
  let best: string | null = null;
  for (const { priority } of items)
    if (priority !== null && (best === null || (PRIORITY_RANK[priority] ?? 1) > (PRIORITY_RANK[best] ?? 1)))
      best = priority;
  return best;
}

/** `3 alerts:` then a `• message` line per item, cut (saying how many more) to the message limit. */
function digestMessage(items: readonly NotificationPayload[]): string {
  let text = `${items.length} alert${items.length === 1 ? '' : 's'}:`;
  for (let i = 0; i < items.length; i++) {
    const line = `\n• ${items[i].message}`;
    const more = `\n… and ${items.length - i} more`;
    if (text.length + line.length + (i < items.length - 1 ? more.length : 0) > MAX_MESSAGE_CHARS) {
      text += more;
      break;
    }
    text += line;
  }
  return text;
}

/**
 * The `alert.digest` body folding `items` (one recipient's waiting alert notifications, oldest
 * first). Pure and deterministic in its items, apart from the row id the outbox gives it.
 */
export function buildDigest(
  id: string,
  recipient: string | null,
  items: readonly NotificationPayload[],
): DigestPayload {
  const channels: string[] = [];
  for (const item of items) for (const c of item.channels) if (!channels.includes(c)) channels.push(c);
  const triggered = items.map((i) => i.triggeredAt).sort();
  return {
    id,
    idempotencyKey: digestKey(items.map((i) => i.idempotencyKey)),
    type: 'alert.digest',
    recipient,
    channels,
    priority: highestPriority(items),
    count: items.length,
    message: digestMessage(items),
    firstTriggeredAt: triggered[0],
    lastTriggeredAt: triggered[triggered.length - 1],
    items: items.map((i) => ({
      idempotencyKey: i.idempotencyKey,
      jobId: i.jobId,
      jobName: i.jobName,
      symbol: i.symbol,
      timeframe: i.timeframe,
      provider: i.provider,
      barTime: i.bar.openTime,
      bar: i.bar,
      values: i.values,
      message: i.message,
      triggeredAt: i.triggeredAt,
    })),
  };
}

/** A recipient's waiting items cut into digests of at most MAX_DIGEST_ITEMS, in order. */
export function chunkDigestItems<T>(items: readonly T[], max = MAX_DIGEST_ITEMS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += max) chunks.push(items.slice(i, i + max));
  return chunks;
}

export const DIGEST_ORDER: Array<keyof DigestPayload> = [
  'id',
  'idempotencyKey',
  'type',
  'recipient',
  'channels',
  'priority',
  'count',
  'message',
  'firstTriggeredAt',
  'lastTriggeredAt',
  'items',
];
export const DIGEST_ITEM_ORDER: Array<keyof DigestItem> = [
  'idempotencyKey',
  'jobId',
  'jobName',
  'symbol',
  'timeframe',
  'provider',
  'barTime',
  'bar',
  'values',
  'message',
  'triggeredAt',
];
