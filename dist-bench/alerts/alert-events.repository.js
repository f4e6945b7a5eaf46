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
import { DataSource } from 'typeorm';
import { rowsOf } from '../jobs/runs.repository.js';
/** Every query on `alert_events`, and the guarded write of alert state on `jobs`. */
let AlertEventsRepository = class AlertEventsRepository {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    /**
     * Writes new alert states, only where the stored revision is still the one read: of several
     * replicas or retries stepping the same alert, exactly one write wins; the others see their id
     * missing from the answer and drop their events and notifications with the transaction.
     */
    async saveStates(em, updates) {
        if (updates.length === 0)
            return new Set();
        const rows = rowsOf(await em.query(`UPDATE jobs j SET state = u.state, status = u.status,
              enabled = CASE WHEN u.status = 'active' THEN j.enabled ELSE false END,
              version = CASE WHEN u.status = 'active' THEN j.version ELSE j.version + 1 END,
              updated_at = CASE WHEN u.status = 'active' THEN j.updated_at ELSE now() END
         FROM (SELECT * FROM unnest($1::uuid[], $2::int[], $3::jsonb[], $4::text[]) AS t(id, rev, state, status)) u
        WHERE j.id = u.id AND COALESCE((j.state->>'rev')::int, 0) = u.rev
        RETURNING j.id`, [updates.map((u) => u.jobId), updates.map((u) => u.rev), updates.map((u) => JSON.stringify(u.state)), updates.map((u) => u.status)]));
        return new Set(rows.map((r) => r.id));
    }
    async insert(em, events) {
        for (let i = 0; i < events.length; i += 5000) {
            const chunk = events.slice(i, i + 5000);
            await em.query(`INSERT INTO alert_events (job_id, at, bar_time, type, from_status, to_status, "values")
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
         ON CONFLICT (job_id, bar_time, type) DO NOTHING`, [chunk.map((e) => e.jobId), chunk.map((e) => e.at), chunk.map((e) => e.barTime), chunk.map((e) => e.type),
                chunk.map((e) => e.from), chunk.map((e) => e.to), chunk.map((e) => JSON.stringify(e.values))]);
        }
    }
    /** Newest first. */
    async list(jobId, limit, before) {
        const rows = await this.ds.query(`SELECT * FROM alert_events WHERE job_id = $1 AND ($2::timestamptz IS NULL OR (at, id) < ($2, $3::uuid))
        ORDER BY at DESC, id DESC LIMIT $4`, [jobId, before?.t ?? null, before?.id ?? null, limit]);
        return rows.map((r) => ({
            id: r.id, jobId: r.job_id, at: new Date(r.at), barTime: new Date(r.bar_time), type: r.type,
            from: r.from_status, to: r.to_status, values: r.values,
        }));
    }
};
AlertEventsRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], AlertEventsRepository);
export { AlertEventsRepository };
//# sourceMappingURL=alert-events.repository.js.map