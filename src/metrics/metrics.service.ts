import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics (`GET /metrics`). One registry per service instance, so tests can boot several. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly firesClaimed = new Counter({
    name: 'market_scheduler_fires_claimed_total',
    help: 'Fire times this replica claimed, by outcome (running, queued, skipped)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly fireLateness = new Histogram({
    name: 'market_scheduler_fire_lateness_seconds',
    help: 'Time from a nominal fire time to its claim',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });

  readonly runsFinished = new Counter({
    name: 'market_scheduler_runs_finished_total',
    help: 'Runs finished by this replica, by job type and status',
    labelNames: ['type', 'status'],
    registers: [this.registry],
  });

  /**
   * The counters `GET /jobs/:id` shows (CONTRACT §8), summed by job type, as this replica saw them:
   * fired, succeeded, failed, timedOut, missed, skipped, notified, delivered.
   */
  readonly jobCounters = new Counter({
    name: 'market_scheduler_job_counters_total',
    help: 'Per job type: fire times fired, skipped (overlap) and missed (misfire policy); runs succeeded, failed, timedOut; notifications notified (written) and delivered',
    labelNames: ['type', 'counter'],
    registers: [this.registry],
  });

  readonly scheduledJobs = new Gauge({
    name: 'market_scheduler_scheduled_jobs',
    help: "Jobs registered in this replica's scheduler",
    registers: [this.registry],
  });

  readonly schedulerLag = new Gauge({
    name: 'market_scheduler_lag_seconds',
    help: 'How far behind its due fire times the scheduler loop is',
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'market_scheduler_notifications_total',
    help: 'Notification delivery attempts, by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly providerRequests = new Counter({
    name: 'market_scheduler_provider_requests_total',
    help: 'Market-data requests, by provider and outcome',
    labelNames: ['provider', 'outcome'],
    registers: [this.registry],
  });

  readonly alertPassSeconds = new Histogram({
    name: 'market_scheduler_alert_pass_seconds',
    help: 'One alert pass at a fire time: until its notifications are in the outbox (until="outbox") and until every write is done (until="done")',
    labelNames: ['until'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'market_scheduler_' });
  }
}
