import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf } from '../database/sql-params.js';
import { buildDigest, chunkDigestItems, type DigestPayload } from './core/digest.js';
import type { NotificationPayload } from './core/notification-payload.js';

/** Recipients whose digest is formed per pass, and items locked per pass (more wait for the next poll). */
const RECIPIENTS_PER_PASS = 500;
const ITEMS_PER_PASS = 5_000;

/**
 * The queries that fold waiting alert notifications into `alert.digest` rows (CONTRACT §8,
 * `notify.digestSeconds`); delivering and recording a digest is the outbox's ordinary path
 * (NotificationsRepository: one claimable row per digest, its outcome given to its items).
 */
@Injectable()
export class DigestsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Forms the digests that are due at `now`: a recipient's waiting items are folded as soon as
   * the first of them has waited its `digestSeconds` (so none waits longer than its own), all of
   * that recipient's waiting items at once, oldest first, MAX_DIGEST_ITEMS a digest. One
   * transaction: items locked with SKIP LOCKED (another replica folding the same recipient skips
   * them, and a row it already folded no longer matches), the digest rows inserted (their key is
   * derived from their items, ON CONFLICT DO NOTHING), the items pointed at them. The digests are
   * due at once; their `created_at` is `now` plus their rank in ms, so one recipient's digests keep
   * their order under pacing. Answers how many digests were written.
   */
  async formDue(now: Date): Promise<number> {
    const due = rowsOf(
      await this.ds.query(
        `SELECT recipient FROM notifications
          WHERE status = 'pending' AND digest_seconds IS NOT NULL AND digest_id IS NULL
          GROUP BY recipient HAVING min(created_at + make_interval(secs => digest_seconds)) <= $1
          LIMIT $2`,
        [now, RECIPIENTS_PER_PASS],
      ),
    ).map((r: { recipient: string }) => r.recipient);
    if (due.length === 0) return 0;
    return this.ds.transaction(async (em) => {
      const items: Array<{ id: string; recipient: string; payload: NotificationPayload }> = rowsOf(
        await em.query(
          `SELECT id, recipient, payload FROM notifications
            WHERE status = 'pending' AND digest_seconds IS NOT NULL AND digest_id IS NULL AND recipient = ANY($1::varchar[])
            ORDER BY recipient, created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [due, ITEMS_PER_PASS],
        ),
      );
      const digests: DigestPayload[] = [];
      const itemIds: string[] = [];
      const itemKeys: string[] = [];
      for (const [recipient, rows] of groupBy(items, (r) => r.recipient)) {
        for (const chunk of chunkDigestItems(rows)) {
          const digest = buildDigest(
            randomUUID(),
            recipient === '' ? null : recipient,
            chunk.map((r) => r.payload),
          );
          digests.push(digest);
          for (const r of chunk) {
            itemIds.push(r.id);
            itemKeys.push(digest.idempotencyKey);
          }
        }
      }
      if (digests.length === 0) return 0;
      await em.query(
        `INSERT INTO notifications (id, idempotency_key, job_id, payload, status, attempts, next_attempt_at, created_at, recipient)
         SELECT (e->>'id')::uuid, e->>'idempotencyKey', NULL, e, 'pending', 0, $2, t, COALESCE(e->>'recipient', '')
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS d(e, rank),
                LATERAL (SELECT $2::timestamptz + make_interval(secs => (rank - 1) / 1000.0) AS t) AS at
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [JSON.stringify(digests), now],
      );
      await em.query(
        `UPDATE notifications i SET digest_id = d.id
           FROM unnest($1::uuid[], $2::varchar[]) AS u(item, key) JOIN notifications d ON d.idempotency_key = u.key
          WHERE i.id = u.item`,
        [itemIds, itemKeys],
      );
      return digests.length;
    });
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
