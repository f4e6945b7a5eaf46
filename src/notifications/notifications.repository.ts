import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorKey } from '../common/cursor.js';
import { JobCountersRepository } from '../jobs/job-counters.repository.js';
import { rowsOf } from '../database/sql-params.js';
import { DbClock } from '../base/time/db-clock.js';
import type { DeliveryOutcome } from './core/delivery-policy.js';
import type { DigestPayload } from './core/digest.js';
import { toPayload, type NotificationInput, type NotificationPayload } from './core/notification-payload.js';
import type { NotificationEntity, NotificationStatus } from './notification.entity.js';

/** Rows per INSERT of enqueueMany: one statement each, a parameter of a few MB, not 60 MB for 100,000 alerts. */
const ENQUEUE_CHUNK = 5_000;

/** A row this replica claimed for one delivery attempt. */
export interface ClaimedNotification {
  id: string;
  idempotencyKey: string;
  /** Attempts made before this one. */
  attempts: number;
  /** The §5 body, or an `alert.digest`'s. */
  payload: NotificationPayload | DigestPayload;
  /** When it was written (ms): the fixed X-Timestamp of every attempt of a signed delivery. */
  createdAtMs: number;
  /** The payload's recipient ('' when it has none): what pacing and a 429 are per. */
  recipient: string;
}

export interface OutboxStats {
  pending: number;
  /** Pending rows whose attempts so far have all failed, at least `failingAfter` of them. */
  failing: number;
  /** The earliest `next_attempt_at` among due, unclaimed pending rows (how late delivery runs). */
  oldestDueAt: Date | null;
  dead: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function toEntity(r: any): NotificationEntity {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    jobId: r.job_id ?? null,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastError: r.last_error ?? null,
    lastStatusCode: r.last_status_code ?? null,
    lastResponse: r.last_response ?? null,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    claimedBy: r.claimed_by ?? null,
    claimedUntil: r.claimed_until ? new Date(r.claimed_until) : null,
    digestId: r.digest_id ?? null,
  };
}

// `digestSeconds` travels beside the body, never in it: the row waits for its recipient's digest.
const INSERT_SQL = `
  INSERT INTO notifications (id, idempotency_key, job_id, payload, status, attempts, next_attempt_at, created_at, recipient, digest_seconds)
  SELECT (e->>'id')::uuid, e->>'idempotencyKey', (e->>'jobId')::uuid,
         CASE WHEN e ? 'digestSeconds' THEN e - 'digestSeconds' ELSE e END, 'pending', 0, $2, $2,
         COALESCE(e->>'recipient', ''), (e->>'digestSeconds')::int
    FROM jsonb_array_elements($1::jsonb) AS e
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING idempotency_key`;

/**
 * Every query on `notifications`. The outbox's guarantees live here: the unique idempotency key
 * (one notification per (job, bar), whatever replicas or retries do), claims under
 * `FOR UPDATE SKIP LOCKED` with a lease (two replicas never deliver a row at the same time; a dead
 * replica's claim runs out), and outcome updates that only the claiming replica can make.
 * Times come from the database-corrected clock, as for runs.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly dbClock: DbClock,
    private readonly counters: JobCountersRepository,
  ) {}

  /**
   * Writes one notification in the caller's transaction (`em`: the alert engine's, the same as its
   * state change). True when it was inserted; false when this (job, bar) already has one.
   */
  async enqueue(em: EntityManager, input: NotificationInput): Promise<boolean> {
    return (await this.enqueueMany(em, [input])).length === 1;
  }

  /**
   * Writes many notifications in the caller's transaction, a few statements for any number (a bar
   * close may trigger 100,000 alerts). Answers the idempotency keys actually inserted; keys that
   * already exist (or repeat within `inputs`) are skipped, never an error.
   */
  async enqueueMany(em: EntityManager, inputs: NotificationInput[]): Promise<string[]> {
    const now = this.dbClock.date();
    const inserted: string[] = [];
    for (let i = 0; i < inputs.length; i += ENQUEUE_CHUNK) {
      const payloads = inputs.slice(i, i + ENQUEUE_CHUNK).map((input) => {
        const payload = toPayload(input, randomUUID());
        return input.digestSeconds ? { ...payload, digestSeconds: input.digestSeconds } : payload;
      });
      const rows = rowsOf(await em.query(INSERT_SQL, [JSON.stringify(payloads), now]));
      for (const r of rows) inserted.push(r.idempotency_key);
    }
    return inserted;
  }

  /**
   * Writes notifications whose body is already complete (job notifications, CONTRACT §8: their own
   * type and key) in the caller's transaction; a key that exists is skipped. Answers the keys inserted.
   */
  async enqueueBodies(em: EntityManager, bodies: Array<{ id: string; idempotencyKey: string; jobId: string }>) {
    const rows = rowsOf(await em.query(INSERT_SQL, [JSON.stringify(bodies), this.dbClock.date()]));
    return rows.map((r: { idempotency_key: string }) => r.idempotency_key);
  }

  /**
   * Claims up to `limit` due pending rows for `instanceId` until `leaseUntil`, oldest due first,
   * skipping recipients whose gate (`notify_recipients.next_at`: a 429's Retry-After, or pacing)
   * is still closed. With `paceMs` (NOTIFY_RATE_PER_RECIPIENT) only the oldest pending row of each
   * recipient can be claimed (an index probe per candidate), so one recipient's notifications go
   * out one at a time and in order, never reordered by a retry; claiming it moves the recipient's
   * gate `paceMs` on, in the same statement, for every replica.
   */
  async claimDue(
    instanceId: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    paceMs: number | null = null,
  ): Promise<ClaimedNotification[]> {
    const head =
      paceMs === null
        ? ''
        : `AND NOT EXISTS (SELECT 1 FROM notifications o WHERE o.status = 'pending' AND o.digest_seconds IS NULL
                              AND o.recipient = c.recipient AND (o.created_at, o.id) < (c.created_at, c.id))`;
    const gate =
      paceMs === null
        ? ''
        : `, gated AS (INSERT INTO notify_recipients (recipient, next_at)
                       SELECT recipient, $2::timestamptz + make_interval(secs => $5::double precision / 1000) FROM picked
                       ON CONFLICT (recipient) DO UPDATE SET next_at = GREATEST(notify_recipients.next_at, excluded.next_at))`;
    const rows = rowsOf(
      await this.ds.query(
        `WITH picked AS (
           SELECT c.id, c.recipient FROM notifications c
            WHERE c.status = 'pending' AND c.digest_seconds IS NULL AND c.next_attempt_at <= $2
              AND (c.claimed_until IS NULL OR c.claimed_until < $2)
              AND NOT EXISTS (SELECT 1 FROM notify_recipients p WHERE p.recipient = c.recipient AND p.next_at > $2)
              ${head}
            ORDER BY c.next_attempt_at LIMIT $4 FOR UPDATE OF c SKIP LOCKED)${gate}
         UPDATE notifications n SET claimed_by = $1, claimed_until = $3 FROM picked WHERE n.id = picked.id
         RETURNING n.id, n.idempotency_key, n.attempts, n.payload, n.recipient,
                   (extract(epoch FROM n.created_at) * 1000)::bigint AS created_ms`,
        paceMs === null ? [instanceId, now, leaseUntil, limit] : [instanceId, now, leaseUntil, limit, paceMs],
      ),
    );
    return rows.map((r: any) => ({
      id: r.id,
      idempotencyKey: r.idempotency_key,
      attempts: r.attempts,
      payload: r.payload,
      recipient: r.recipient,
      createdAtMs: Number(r.created_ms),
    }));
  }

  /**
   * Closes a recipient's gate until `until` (its endpoint answered 429): every replica's claims
   * skip that recipient's notifications meanwhile; the other recipients are not slowed.
   */
  async gateRecipient(recipient: string, until: Date): Promise<void> {
    await this.ds.query(
      `INSERT INTO notify_recipients (recipient, next_at) VALUES ($1, $2)
       ON CONFLICT (recipient) DO UPDATE SET next_at = GREATEST(notify_recipients.next_at, excluded.next_at)`,
      [recipient, until],
    );
  }

  /**
   * Records many attempts in one statement and releases their claims. A row whose claim another
   * replica has taken over meanwhile (our lease ran out) is left to that replica.
   */
  async record(outcomes: DeliveryOutcome[], instanceId: string): Promise<number> {
    if (outcomes.length === 0) return 0;
    // Most outcomes are a plain success: five arrays, not eight.
    const plain: DeliveryOutcome[] = [];
    const rest: DeliveryOutcome[] = [];
    const digests: DeliveryOutcome[] = [];
    for (const o of outcomes) (o.digest ? digests : o.status === 'sent' && o.lastError === null ? plain : rest).push(o);
    return (
      (await this.recordSent(plain, instanceId)) +
      (await this.recordAny(rest, instanceId)) +
      (await this.recordAny(digests, instanceId, true))
    );
  }

  /** Rows found by id, each one's values looked up by id (no join: see RunsRepository.finishSucceeded). */
  private async recordSent(outcomes: DeliveryOutcome[], instanceId: string): Promise<number> {
    if (outcomes.length === 0) return 0;
    const values = Object.fromEntries(
      outcomes.map((o) => [o.id, [o.attempts, o.lastStatusCode, o.lastResponse, o.sentAt]]),
    );
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE notifications n
          SET status = 'sent', attempts = ($1::jsonb -> n.id::text ->> 0)::int, last_error = NULL,
              last_status_code = ($1::jsonb -> n.id::text ->> 1)::int, last_response = $1::jsonb -> n.id::text ->> 2,
              sent_at = ($1::jsonb -> n.id::text ->> 3)::timestamptz, claimed_by = NULL, claimed_until = NULL
        WHERE n.id = ANY($2::uuid[]) AND n.claimed_by = $3 AND n.status = 'pending'
        RETURNING n.id`,
        [JSON.stringify(values), outcomes.map((o) => o.id), instanceId],
      ),
    );
    return rows.length;
  }

  /**
   * Any outcome, one statement. For digests (`items`), the same statement gives each recorded
   * digest's outcome (sent, a retry's schedule, dead) to the items it carries, so they cannot drift.
   */
  private async recordAny(outcomes: DeliveryOutcome[], instanceId: string, items = false): Promise<number> {
    if (outcomes.length === 0) return 0;
    const col = <K extends keyof DeliveryOutcome>(k: K) => outcomes.map((o) => o[k]);
    const update = `UPDATE notifications n
          SET status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at, last_error = o.last_error,
              last_status_code = o.last_status_code, last_response = o.last_response, sent_at = o.sent_at,
              claimed_by = NULL, claimed_until = NULL
         FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::timestamptz[], $5::text[], $6::int[], $7::text[], $8::timestamptz[])
              AS o(id, status, attempts, next_attempt_at, last_error, last_status_code, last_response, sent_at)
        WHERE n.id = o.id AND n.claimed_by = $9 AND n.status = 'pending'`;
    const rows = rowsOf(
      await this.ds.query(
        items
          ? `WITH done AS (${update} RETURNING n.*),
                  carried AS (
                    UPDATE notifications i
                       SET status = d.status, attempts = d.attempts, next_attempt_at = d.next_attempt_at,
                           last_error = d.last_error, last_status_code = d.last_status_code,
                           last_response = d.last_response, sent_at = d.sent_at
                      FROM done d WHERE i.digest_id = d.id AND i.status = 'pending' RETURNING 1)
             SELECT id FROM done`
          : `${update} RETURNING n.id`,
        [
          col('id'),
          col('status'),
          col('attempts'),
          col('nextAttemptAt'),
          col('lastError'),
          col('lastStatusCode'),
          col('lastResponse'),
          col('sentAt'),
          instanceId,
        ],
      ),
    );
    return rows.length;
  }

  /** Gives back claimed rows this replica will not attempt after all (circuit opened, shutting down): due again at once. */
  async release(ids: string[], instanceId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE notifications SET claimed_by = NULL, claimed_until = NULL WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND status = 'pending'`,
      [ids, instanceId],
    );
  }

  /** No NOTIFY_URL: notes on newly written pending rows why they wait. Answers how many it marked. */
  async markUndeliverable(reason: string): Promise<number> {
    const rows = rowsOf(
      await this.ds.query(
        `UPDATE notifications SET last_error = $1 WHERE status = 'pending' AND last_error IS NULL RETURNING 1`,
        [reason],
      ),
    );
    return rows.length;
  }

  /**
   * `POST /notifications/:id/retry`: a dead row back to pending, due now, with a fresh set of
   * attempts. A digest and its items go back together (retrying an item retries its digest: the
   * same delivery, byte for byte).
   */
  async retryDead(id: string, now: Date): Promise<NotificationEntity | null> {
    const rows = rowsOf(
      await this.ds.query(
        `WITH target AS (SELECT COALESCE(digest_id, id) AS delivery FROM notifications WHERE id = $1)
         UPDATE notifications n SET status = 'pending', attempts = 0, next_attempt_at = $2, claimed_by = NULL, claimed_until = NULL
           FROM target WHERE n.status = 'dead' AND (n.id = $1 OR n.id = target.delivery OR n.digest_id = target.delivery)
         RETURNING n.*`,
        [id, now],
      ),
    );
    const row = rows.find((r: any) => r.id === id);
    return row ? toEntity(row) : null;
  }

  /** Retention (cleanup's `notificationsOlderThanDays`): finished rows only; pending ones are never dropped. */
  async purgeFinishedBefore(before: Date): Promise<number> {
    // Folded into job_counters by the same statement (notified, delivered are since creation).
    return this.counters.foldPurged(
      this.ds,
      'notifications',
      `DELETE FROM notifications WHERE status IN ('sent', 'dead') AND created_at < $1 RETURNING job_id, status`,
      [before],
    );
  }

  async findById(id: string): Promise<NotificationEntity | null> {
    const [row] = await this.ds.query('SELECT * FROM notifications WHERE id = $1', [id]);
    return row ? toEntity(row) : null;
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async list(
    filter: { status?: NotificationStatus; jobId?: string },
    limit: number,
    before: CursorKey | null,
  ): Promise<NotificationEntity[]> {
    const rows = await this.ds.query(
      `SELECT * FROM notifications
        WHERE ($1::varchar IS NULL OR status = $1) AND ($2::uuid IS NULL OR job_id = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [filter.status ?? null, filter.jobId ?? null, before?.t ?? null, before?.id ?? null, limit],
    );
    return rows.map(toEntity);
  }

  /** The outbox's depth: rows per status (`pending`, `sent`, `dead`). */
  async countByStatus(): Promise<Record<NotificationStatus, number>> {
    const rows: Array<{ status: NotificationStatus; count: number }> = await this.ds.query(
      'SELECT status, count(*)::int AS count FROM notifications GROUP BY status',
    );
    const counts: Record<NotificationStatus, number> = { pending: 0, sent: 0, dead: 0 };
    for (const r of rows) counts[r.status] = r.count;
    return counts;
  }

  /** For health: what waits and how late, from the store, so every replica (api ones too) sees it. */
  async stats(now: Date, failingAfter: number): Promise<OutboxStats> {
    const [p] = await this.ds.query(
      `SELECT count(*)::int AS pending,
              count(*) FILTER (WHERE attempts >= $2)::int AS failing,
              min(next_attempt_at) FILTER (WHERE digest_seconds IS NULL AND next_attempt_at <= $1
                                             AND (claimed_until IS NULL OR claimed_until < $1)) AS oldest_due
         FROM notifications WHERE status = 'pending'`,
      [now, failingAfter],
    );
    const [d] = await this.ds.query(`SELECT count(*)::int AS dead FROM notifications WHERE status = 'dead'`);
    return {
      pending: p.pending,
      failing: p.failing,
      oldestDueAt: p.oldest_due ? new Date(p.oldest_due) : null,
      dead: d.dead,
    };
  }
}
