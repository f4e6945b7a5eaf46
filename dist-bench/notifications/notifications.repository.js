var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf } from '../jobs/runs.repository.js';
import { DbClock } from '../scheduler/db-clock.js';
import { toPayload } from './core/notification-payload.js';
/** Rows per INSERT of enqueueMany: one statement each, a parameter of a few MB, not 60 MB for 100,000 alerts. */
const ENQUEUE_CHUNK = 5_000;
/* eslint-disable @typescript-eslint/no-explicit-any */
function toEntity(r) {
    return {
        id: r.id, idempotencyKey: r.idempotency_key, jobId: r.job_id ?? null, payload: r.payload, status: r.status,
        attempts: r.attempts, nextAttemptAt: new Date(r.next_attempt_at), lastError: r.last_error ?? null,
        lastStatusCode: r.last_status_code ?? null, lastResponse: r.last_response ?? null, createdAt: new Date(r.created_at),
        sentAt: r.sent_at ? new Date(r.sent_at) : null, claimedBy: r.claimed_by ?? null, claimedUntil: r.claimed_until ? new Date(r.claimed_until) : null,
    };
}
const INSERT_SQL = `
  INSERT INTO notifications (id, idempotency_key, job_id, payload, status, attempts, next_attempt_at, created_at)
  SELECT (e->>'id')::uuid, e->>'idempotencyKey', (e->>'jobId')::uuid, e, 'pending', 0, $2, $2
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
let NotificationsRepository = class NotificationsRepository {
    ds;
    dbClock;
    constructor(ds, dbClock) {
        this.ds = ds;
        this.dbClock = dbClock;
    }
    /**
     * Writes one notification in the caller's transaction (`em`: the alert engine's, the same as its
     * state change). True when it was inserted; false when this (job, bar) already has one.
     */
    async enqueue(em, input) {
        return (await this.enqueueMany(em, [input])).length === 1;
    }
    /**
     * Writes many notifications in the caller's transaction, a few statements for any number (a bar
     * close may trigger 100,000 alerts). Answers the idempotency keys actually inserted; keys that
     * already exist (or repeat within `inputs`) are skipped, never an error.
     */
    async enqueueMany(em, inputs) {
        const now = this.dbClock.date();
        const inserted = [];
        for (let i = 0; i < inputs.length; i += ENQUEUE_CHUNK) {
            const payloads = inputs.slice(i, i + ENQUEUE_CHUNK).map((input) => toPayload(input, randomUUID()));
            const rows = rowsOf(await em.query(INSERT_SQL, [JSON.stringify(payloads), now]));
            for (const r of rows)
                inserted.push(r.idempotency_key);
        }
        return inserted;
    }
    /** Claims up to `limit` due pending rows for `instanceId` until `leaseUntil`, oldest due first. */
    async claimDue(instanceId, now, leaseUntil, limit) {
        const rows = rowsOf(await this.ds.query(`UPDATE notifications n SET claimed_by = $1, claimed_until = $3
        WHERE n.id IN (SELECT id FROM notifications
                        WHERE status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until < $2)
                        ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING n.id, n.idempotency_key, n.attempts, n.payload`, [instanceId, now, leaseUntil, limit]));
        return rows.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key, attempts: r.attempts, payload: r.payload }));
    }
    /**
     * Records many attempts in one statement and releases their claims. A row whose claim another
     * replica has taken over meanwhile (our lease ran out) is left to that replica.
     */
    async record(outcomes, instanceId) {
        if (outcomes.length === 0)
            return 0;
        const col = (k) => outcomes.map((o) => o[k]);
        const rows = rowsOf(await this.ds.query(`UPDATE notifications n
          SET status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at, last_error = o.last_error,
              last_status_code = o.last_status_code, last_response = o.last_response, sent_at = o.sent_at,
              claimed_by = NULL, claimed_until = NULL
         FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::timestamptz[], $5::text[], $6::int[], $7::text[], $8::timestamptz[])
              AS o(id, status, attempts, next_attempt_at, last_error, last_status_code, last_response, sent_at)
        WHERE n.id = o.id AND n.claimed_by = $9 AND n.status = 'pending'
        RETURNING n.id`, [col('id'), col('status'), col('attempts'), col('nextAttemptAt'), col('lastError'), col('lastStatusCode'), col('lastResponse'), col('sentAt'), instanceId]));
        return rows.length;
    }
    /** Gives back claimed rows this replica will not attempt after all (circuit opened, shutting down): due again at once. */
    async release(ids, instanceId) {
        if (ids.length === 0)
            return;
        await this.ds.query(`UPDATE notifications SET claimed_by = NULL, claimed_until = NULL WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND status = 'pending'`, [ids, instanceId]);
    }
    /** No NOTIFY_URL: notes on newly written pending rows why they wait. Answers how many it marked. */
    async markUndeliverable(reason) {
        const rows = rowsOf(await this.ds.query(`UPDATE notifications SET last_error = $1 WHERE status = 'pending' AND last_error IS NULL RETURNING 1`, [reason]));
        return rows.length;
    }
    /** `POST /notifications/:id/retry`: a dead row back to pending, due now, with a fresh set of attempts. */
    async retryDead(id, now) {
        const [row] = rowsOf(await this.ds.query(`UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = $2, claimed_by = NULL, claimed_until = NULL
        WHERE id = $1 AND status = 'dead' RETURNING *`, [id, now]));
        return row ? toEntity(row) : null;
    }
    async findById(id) {
        const [row] = await this.ds.query('SELECT * FROM notifications WHERE id = $1', [id]);
        return row ? toEntity(row) : null;
    }
    /** Newest first, keyset-paged on (created_at, id). */
    async list(filter, limit, before) {
        const rows = await this.ds.query(`SELECT * FROM notifications
        WHERE ($1::varchar IS NULL OR status = $1) AND ($2::uuid IS NULL OR job_id = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`, [filter.status ?? null, filter.jobId ?? null, before?.t ?? null, before?.id ?? null, limit]);
        return rows.map(toEntity);
    }
    /** For health: what waits and how late, from the store, so every replica (api ones too) sees it. */
    async stats(now, failingAfter) {
        const [p] = await this.ds.query(`SELECT count(*)::int AS pending,
              count(*) FILTER (WHERE attempts >= $2)::int AS failing,
              min(next_attempt_at) FILTER (WHERE next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)) AS oldest_due
         FROM notifications WHERE status = 'pending'`, [now, failingAfter]);
        const [d] = await this.ds.query(`SELECT count(*)::int AS dead FROM notifications WHERE status = 'dead'`);
        return { pending: p.pending, failing: p.failing, oldestDueAt: p.oldest_due ? new Date(p.oldest_due) : null, dead: d.dead };
    }
};
NotificationsRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource, DbClock])
], NotificationsRepository);
export { NotificationsRepository };
//# sourceMappingURL=notifications.repository.js.map