import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MigrationService } from '../database/migration.service.js';
import { DatabaseConnector } from '../database/database-connector.js';
import { JobFilesSync } from '../jobs/job-files.sync.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { SchedulerStateRepository } from '../scheduler/scheduler-state.repository.js';
import { DbClock } from '../base/time/db-clock.js';
import { HealthRegistry, type ComponentHealth } from '../common/health-registry.js';
import { issueLine, type HealthReport } from './health-view.js';

/** The loop wakes at least every second; silence this long means it is stuck. */
const LOOP_STALL_MS = 15_000;
/** Due work this late means the scheduler is falling behind (degraded, still serving). */
const LAG_DEGRADED_MS = 30_000;

export type { HealthReport } from './health-view.js';

/** The core health checks, and `GET /health`'s roll-up of every registered contributor. */
@Injectable()
export class HealthService implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly migrations: MigrationService,
    private readonly scheduler: SchedulerService,
    private readonly state: SchedulerStateRepository,
    private readonly dbClock: DbClock,
    private readonly files: JobFilesSync,
    private readonly connector: DatabaseConnector,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => this.database() });
    this.registry.register({ name: 'scheduler', check: async () => this.schedulerHealth() });
    this.registry.register({ name: 'alertsDir', check: async () => this.alertsDirHealth() });
  }

  /** Degraded while this replica's last ALERTS_DIR sync was refused (CONTRACT §8), until a clean one. */
  alertsDirHealth(): ComponentHealth {
    const last = this.files.status;
    if (!last) return { status: 'up' };
    const details = { lastSyncAt: last.at.toISOString(), problems: last.problems.length };
    if (!last.problems.length) return { status: 'up', details };
    return {
      status: 'degraded',
      issues: [
        `ALERTS_DIR sync refused, nothing changed (${last.problems.length} problems; POST /scheduler/reload lists them): ` +
          last.problems.slice(0, 5).join('; ') +
          (last.problems.length > 5 ? '; …' : ''),
      ],
      details,
    };
  }

  async database(): Promise<ComponentHealth> {
    if (!this.connector.isReady) {
      // Booted without its database: still connecting (with backoff), HTTP served meanwhile.
      const details = { connecting: true, failedAttempts: this.connector.attempts, error: this.connector.lastError };
      return { status: 'down', issues: ['database unreachable'], details };
    }
    try {
      await this.state.ping();
      if (!(await this.migrations.isUpToDate()))
        return { status: 'down', issues: ['database migrations are not applied'] };
      return { status: 'up' };
    } catch (e) {
      // The driver's text (host, port, user) is detail for the operator, never the public answer.
      return { status: 'down', issues: ['database unreachable'], details: { error: (e as Error).message } };
    }
  }

  schedulerHealth(): ComponentHealth {
    if (!this.scheduler.enabledHere) return { status: 'up', details: { mode: 'api' } };
    // Alive and waiting: the loop starts when the database first answers (readiness says it does not).
    if (this.scheduler.waitingForDatabase) return { status: 'up', details: { waitingForDatabase: true } };
    const silentMs = this.dbClock.now() - this.scheduler.loop.lastBeatMs;
    const lagMs = this.scheduler.lagMs();
    const details = { running: this.scheduler.loop.isRunning, paused: this.scheduler.paused, lagSeconds: lagMs / 1000 };
    if (!this.scheduler.loop.isRunning || silentMs > LOOP_STALL_MS) {
      return { status: 'down', issues: [`scheduler loop silent for ${Math.round(silentMs / 1000)} s`], details };
    }
    if (lagMs > LAG_DEGRADED_MS)
      return { status: 'degraded', issues: [`scheduler is ${Math.round(lagMs / 1000)} s behind`], details };
    return { status: 'up', details };
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      this.registry.all().map(async (c) => {
        const health = await c.check().catch((e: Error): ComponentHealth => ({
          status: 'down',
          issues: ['check failed'],
          details: { error: e.message },
        }));
        return [c.name, health] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    const statuses = entries.map(([, h]) => h.status);
    const status = statuses.includes('down') ? 'unhealthy' : statuses.includes('degraded') ? 'degraded' : 'healthy';
    return { status, issues: entries.flatMap(([name, h]) => (h.issues ?? []).map((i) => issueLine(name, i))), checks };
  }
}
