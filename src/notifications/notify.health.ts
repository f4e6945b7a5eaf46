import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { HealthRegistry, type ComponentHealth } from '../common/health-registry.js';
import { DbClock } from '../base/time/db-clock.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Consecutive failed attempts (here) or failed attempts of one waiting row (anywhere) that count as "keeps failing". */
export const FAILING_AFTER = 3;
/** Due rows left undelivered this long mean delivery is falling behind or blocked. */
export const OVERDUE_MS = 60_000;

/**
 * `notify` in GET /health. Degraded (never down: the service still fires and stores alerts) while
 * deliveries keep failing: the circuit breaker is not closed, the last FAILING_AFTER attempts here
 * failed, rows in the store have failed FAILING_AFTER attempts and wait to be retried, or due rows
 * are more than OVERDUE_MS late. The store-based checks let `api` replicas, which deliver nothing,
 * report the same. Without NOTIFY_URL: healthy while the outbox has nothing pending (the operator
 * chose not to notify), degraded as soon as notifications pile up undelivered.
 */
@Injectable()
export class NotifyHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly repo: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly dbClock: DbClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'notify', check: () => this.check() });
  }

  async check(): Promise<ComponentHealth> {
    const now = this.dbClock.now();
    const stats = await this.repo.stats(new Date(now), FAILING_AFTER);
    const breaker = this.dispatcher.breaker.snapshot();
    const details = {
      configured: this.config.notify.url !== null,
      delivering: this.dispatcher.isRunning,
      pending: stats.pending,
      dead: stats.dead,
      circuit: breaker.state,
      consecutiveFailures: breaker.consecutiveFailures,
      // The endpoint's own answer or the network error: detail for the operator (token only).
      lastError: breaker.lastError ?? null,
    };
    if (!this.config.notify.url) {
      const issues =
        stats.pending > 0
          ? [`NOTIFY_URL not set: ${stats.pending} notification(s) undeliverable, kept in the outbox`]
          : [];
      return { status: issues.length ? 'degraded' : 'up', issues, details };
    }
    const issues: string[] = [];
    if (breaker.state !== 'closed' || breaker.consecutiveFailures >= FAILING_AFTER) {
      issues.push(
        `notify endpoint failing: last ${breaker.consecutiveFailures} attempt(s) failed` +
          (breaker.state === 'closed' ? '' : `; circuit ${breaker.state}, deliveries held back`),
      );
    }
    if (stats.failing > 0)
      issues.push(`${stats.failing} notification(s) failed ${FAILING_AFTER}+ attempts and wait to be retried`);
    const lateMs = stats.oldestDueAt ? now - stats.oldestDueAt.getTime() : 0;
    if (lateMs > OVERDUE_MS) issues.push(`notification delivery is ${Math.round(lateMs / 1000)} s behind`);
    return { status: issues.length ? 'degraded' : 'up', issues, details };
  }
}
