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
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
/** Prometheus metrics (`GET /metrics`). One registry per service instance, so tests can boot several. */
let MetricsService = class MetricsService {
    registry = new Registry();
    firesClaimed = new Counter({
        name: 'market_scheduler_fires_claimed_total', help: 'Fire times this replica claimed, by outcome (running, queued, skipped)',
        labelNames: ['outcome'], registers: [this.registry],
    });
    fireLateness = new Histogram({
        name: 'market_scheduler_fire_lateness_seconds', help: 'Time from a nominal fire time to its claim',
        buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [this.registry],
    });
    runsFinished = new Counter({
        name: 'market_scheduler_runs_finished_total', help: 'Runs finished by this replica, by job type and status',
        labelNames: ['type', 'status'], registers: [this.registry],
    });
    scheduledJobs = new Gauge({
        name: 'market_scheduler_scheduled_jobs', help: 'Jobs registered in this replica\'s scheduler', registers: [this.registry],
    });
    schedulerLag = new Gauge({
        name: 'market_scheduler_lag_seconds', help: 'How far behind its due fire times the scheduler loop is', registers: [this.registry],
    });
    notifications = new Counter({
        name: 'market_scheduler_notifications_total', help: 'Notification delivery attempts, by outcome',
        labelNames: ['outcome'], registers: [this.registry],
    });
    providerRequests = new Counter({
        name: 'market_scheduler_provider_requests_total', help: 'Market-data requests, by provider and outcome',
        labelNames: ['provider', 'outcome'], registers: [this.registry],
    });
    constructor() {
        collectDefaultMetrics({ register: this.registry, prefix: 'market_scheduler_' });
    }
};
MetricsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [])
], MetricsService);
export { MetricsService };
//# sourceMappingURL=metrics.service.js.map