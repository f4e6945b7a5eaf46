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
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { barToJson } from '../market-data/core/bar.js';
import { barOpenTime, TIMEFRAME_MS } from '../market-data/core/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { renderMessage } from '../notifications/core/index.js';
import { DbClock } from '../scheduler/db-clock.js';
import { AlertEventsRepository } from './alert-events.repository.js';
import { buildMessageView, renderDefaultMessage, runAlert } from './core/index.js';
import { indicatorSpec, SharedSeries, windowKey } from './indicator-adapter.js';
import { StaleTracker } from './stale-tracker.js';
/**
 * Evaluates alerts at a fire time (CONTRACT §4, §4a, §5). Alerts on the same (provider, symbol,
 * timeframe, lookback) share one bar load and one computation of each distinct indicator; every
 * state change, its events and its notifications are written in one transaction, guarded by the
 * state's revision, so a bar transitions an alert at most once whatever replicas, retries or
 * catch-up runs do. A single scheduled run is `process([job])`; a batch of any size is one pass.
 */
let AlertEngine = class AlertEngine {
    data;
    events;
    notifications;
    dispatcher;
    dbClock;
    ds;
    logger = new Logger('AlertEngine');
    shared = new SharedSeries();
    stale = new StaleTracker();
    constructor(data, events, notifications, dispatcher, dbClock, ds) {
        this.data = data;
        this.events = events;
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.dbClock = dbClock;
        this.ds = ds;
    }
    async process(jobs, scheduledFor) {
        const outcomes = new Map();
        const runs = []; const __t0 = performance.now();
        for (const group of groupJobs(jobs)) {
            for (const r of await this.evaluateGroup(group, scheduledFor.getTime(), outcomes))
                runs.push(r);
        }
        const __t1 = performance.now(); await this.persist(runs, outcomes); console.log('eval ms', (__t1-__t0).toFixed(0), 'persist ms', (performance.now()-__t1).toFixed(0));
        return outcomes;
    }
    async evaluateGroup(group, firedAt, outcomes) {
        const { config } = group;
        const tf = config.timeframe;
        const tfMs = TIMEFRAME_MS[tf];
        const lastClosedOpen = barOpenTime(firedAt, tf) - tfMs;
        const { provider, bars } = await this.data.getClosedBars({
            symbol: config.symbol, timeframe: tf, provider: config.provider, limit: config.lookbackBars, toMs: lastClosedOpen + tfMs,
        });
        const latest = bars.at(-1);
        if (!latest || latest.openTime < lastClosedOpen) {
            const outcome = this.missingBar(group, provider, latest, lastClosedOpen, firedAt);
            for (const job of group.jobs)
                outcomes.set(job.id, outcome);
            return [];
        }
        this.stale.fresh(group.key);
        const forming = config.trigger === 'oncePerBar'
            ? (await this.data.getFormingBar({ symbol: config.symbol, timeframe: tf, provider })).bar : null;
        const now = this.dbClock.now();
        return group.jobs.map((job) => {
            const cfg = job.config;
            const window = forming ? [...bars, forming] : bars;
            const out = runAlert({
                config: cfg, state: stateOf(job), bars, forming, anchorMs: job.anchorAt.getTime(), lastClosedOpen, nowMs: now,
                seriesFn: this.shared.seriesFor(windowKey(provider, cfg.symbol, tf, window)), indicatorSpec,
            });
            return { job, provider, out };
        });
    }
    /** The provider has not closed the bar yet (retry soon), or its data stopped (stale, CONTRACT §4a). */
    missingBar(group, provider, latest, lastClosedOpen, firedAt) {
        const tfMs = TIMEFRAME_MS[group.config.timeframe];
        const delayMs = 2000;
        const latestIso = latest ? new Date(latest.openTime).toISOString() : null;
        const staleBefore = this.dbClock.now() - (2 * tfMs + delayMs + 5000);
        if (!latest || latest.closeTime < staleBefore) {
            this.stale.stale(group.key, `${group.config.symbol} ${group.config.timeframe} via ${provider}: latest bar ${latestIso ?? 'none'}`);
            return { outcome: 'stale', provider, latestBar: latestIso };
        }
        void firedAt;
        return { outcome: 'notClosedYet', provider, latestBar: latestIso, expected: new Date(lastClosedOpen).toISOString() };
    }
    async persist(runs, outcomes) {
        const changed = runs.filter((r) => r.out.evaluated.length > 0 || r.out.triggers.length > 0 || r.out.events.length > 0);
        for (const r of runs)
            outcomes.set(r.job.id, evaluatedOutcome(r.provider, r.out));
        if (changed.length === 0)
            return;
        const now = this.dbClock.date();
        let notified = 0;
        await this.ds.transaction(async (em) => {
            const __a = performance.now(); const winners = await this.events.saveStates(em, changed.map(({ job, out }) => ({
                jobId: job.id, rev: stateOf(job).rev, state: { ...out.state, rev: stateOf(job).rev + 1 }, status: jobStatus(out.state),
            })));
            const won = changed.filter((r) => winners.has(r.job.id));
            for (const r of changed)
                if (!winners.has(r.job.id))
                    outcomes.set(r.job.id, { outcome: 'lostRace' });
            await this.events.insert(em, won.flatMap(({ job, out }) => out.events.map((e) => ({
                jobId: job.id, at: now, barTime: new Date(e.barTime), type: e.type, from: e.from, to: e.to, values: e.values,
            }))));
            console.log('states+events ms', (performance.now()-__a).toFixed(0)); const __b = performance.now(); const inputs = won.flatMap(({ job, provider, out }) => out.triggers.map((t) => notification(job, provider, t.bar, t.values, now)));
            const __c = performance.now(); notified = (await this.notifications.enqueueMany(em, inputs)).length; console.log('build msgs ms', (__c-__b).toFixed(0), 'enqueue ms', (performance.now()-__c).toFixed(0));
        });
        if (notified > 0)
            this.dispatcher.kick();
    }
};
AlertEngine = __decorate([
    Injectable(),
    __param(5, InjectDataSource()),
    __metadata("design:paramtypes", [DataManager,
        AlertEventsRepository,
        NotificationsRepository,
        NotificationDispatcher,
        DbClock,
        DataSource])
], AlertEngine);
export { AlertEngine };
function groupJobs(jobs) {
    const groups = new Map();
    for (const job of jobs) {
        const c = job.config;
        const key = `${c.provider ?? '*'}|${c.symbol}|${c.timeframe}|${c.lookbackBars}|${c.trigger === 'oncePerBar'}`;
        const group = groups.get(key) ?? { key, config: c, jobs: [] };
        group.jobs.push(job);
        groups.set(key, group);
    }
    return [...groups.values()];
}
function stateOf(job) {
    const s = (job.state ?? {});
    return { status: 'armed', triggerCount: 0, consecutiveTrue: 0, ...s, rev: s.rev ?? 0 };
}
function jobStatus(state) {
    return state.status === 'done' ? 'done' : state.status === 'expired' ? 'expired' : 'active';
}
function evaluatedOutcome(provider, out) {
    return {
        outcome: 'evaluated', provider, bars: out.evaluated.length, state: out.state.status,
        evaluated: out.evaluated.map((t) => new Date(t).toISOString()),
        triggered: out.triggers.map((t) => new Date(t.bar.openTime).toISOString()),
    };
}
function notification(job, provider, bar, values, now) {
    const config = job.config;
    const view = buildMessageView({ jobName: job.name, config, provider, bar, values });
    const message = config.notify?.message ? renderMessage(config.notify.message, view) : renderDefaultMessage(view, config.rule, indicatorSpec);
    return {
        jobId: job.id, jobName: job.name, symbol: config.symbol, timeframe: config.timeframe, provider, bar: barToJson(bar), values, message,
        channels: config.notify?.channels ?? [], recipient: config.notify?.recipient ?? null, priority: config.notify?.priority ?? null,
        triggeredAt: now.toISOString(),
    };
}
//# sourceMappingURL=alert-engine.service.js.map