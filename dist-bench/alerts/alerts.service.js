var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ValidationFailed } from '../common/errors.js';
import { JobsService } from '../jobs/jobs.service.js';
import { barToJson } from '../market-data/core/bar.js';
import { TIMEFRAME_MS } from '../market-data/core/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { AlertEventsRepository } from './alert-events.repository.js';
import { normalizeAlertConfig, previewAlert, validateAlertConfig } from './core/index.js';
import { indicatorSpec, SharedSeries, windowKey } from './indicator-adapter.js';
const MAX_PREVIEW_BARS = 5000;
/** `GET /jobs/:id/events` and `POST /alerts/preview`. */
let AlertsService = class AlertsService {
    jobs;
    events;
    data;
    shared = new SharedSeries();
    constructor(jobs, events, data) {
        this.jobs = jobs;
        this.events = events;
        this.data = data;
    }
    async listEvents(jobId, q) {
        await this.jobs.mustFind(jobId);
        const limit = q.limit ?? 50;
        const rows = await this.events.list(jobId, limit + 1, decodeCursor(q.cursor));
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map((e) => ({
                id: e.id, at: e.at.toISOString(), barTime: e.barTime.toISOString(), type: e.type, from: e.from, to: e.to, values: e.values,
            })),
            nextCursor: rows.length > limit && last ? encodeCursor({ t: last.at.toISOString(), id: last.id }) : null,
        };
    }
    /** What the alert would have done over the last N closed bars (or a given range), from its first bar. */
    async preview(body) {
        const problems = validateAlertConfig(body.alert, indicatorSpec, 'alert');
        const n = body.bars ?? 500;
        if (!Number.isInteger(n) || n < 1 || n > MAX_PREVIEW_BARS)
            problems.push(`bars must be an integer 1…${MAX_PREVIEW_BARS}`);
        const range = parseRange(body.from, body.to, problems);
        if (problems.length)
            throw new ValidationFailed(problems);
        const config = normalizeAlertConfig(body.alert);
        const tf = config.timeframe;
        const { provider, bars } = await this.data.getClosedBars({
            symbol: config.symbol, timeframe: tf, provider: config.provider, limit: n,
            ...(range.from !== undefined ? { fromMs: range.from } : {}), ...(range.to !== undefined ? { toMs: range.to } : {}),
        });
        const fires = previewAlert(config, bars, this.shared.seriesFor(windowKey(provider, config.symbol, tf, bars)), indicatorSpec);
        return {
            provider, symbol: config.symbol, timeframe: tf, bars: bars.length,
            from: bars[0] ? new Date(bars[0].openTime).toISOString() : null,
            to: bars.at(-1) ? new Date(bars.at(-1).openTime + TIMEFRAME_MS[tf]).toISOString() : null,
            fires: fires.map((f) => ({ barTime: new Date(f.barTime).toISOString(), bar: barToJson(f.bar), values: f.values })),
        };
    }
};
AlertsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [JobsService, AlertEventsRepository, DataManager])
], AlertsService);
export { AlertsService };
function parseRange(from, to, problems) {
    const parse = (v, name) => {
        if (v === undefined)
            return undefined;
        const t = typeof v === 'string' ? Date.parse(v) : NaN;
        if (Number.isNaN(t))
            problems.push(`${name} must be an ISO-8601 time`);
        return t;
    };
    return { from: parse(from, 'from'), to: parse(to, 'to') };
}
//# sourceMappingURL=alerts.service.js.map