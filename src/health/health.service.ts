import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MigrationService } from '../database/migration.service.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { SchedulerStateRepository } from '../scheduler/scheduler-state.repository.js';
import { DbClock } from '../base/time/db-clock.js';
import { HealthRegistry, type ComponentHealth } from '../common/health-registry.js';

/** The loop wakes at least every second; silence this long means it is stuck. */
const LOOP_STALL_MS = 15_000;
/** Due work this late means the scheduler is falling behind (degraded, still serving). */
const LAG_DEGRADED_MS = 30_000;

export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  issues: string[];
  checks: Record<string, ComponentHealth>;
}

/** The core health checks, and `GET /health`'s roll-up of every registered contributor. */
@Injectable()
export class HealthService implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly migrations: MigrationService,
    private readonly scheduler: SchedulerService,
    private readonly state: SchedulerStateRepository,
    private readonly dbClock: DbClock,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => this.database() });
    this.registry.register({ name: 'scheduler', check: async () => this.schedulerHealth() });
  }

  async database(): Promise<ComponentHealth> {
    try {
      await this.state.ping();
      if (!(await this.migrations.isUpToDate()))
        return { status: 'down', issues: ['database migrations are not applied'] };
      return { status: 'up' };
    } catch (e) {
      return { status: 'down', issues: [`database unreachable: ${(e as Error).message}`] };
    }
  }

  schedulerHealth(): ComponentHealth {
    if (!this.scheduler.enabledHere) return { status: 'up', details: { mode: 'api' } };
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
        const health = await c.check().catch((e: Error): ComponentHealth => ({ status: 'down', issues: [e.message] }));
        return [c.name, health] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    const statuses = entries.map(([, h]) => h.status);
    const status = statuses.includes('down') ? 'unhealthy' : statuses.includes('degraded') ? 'degraded' : 'healthy';
    return { status, issues: entries.flatMap(([name, h]) => (h.issues ?? []).map((i) => `${name}: ${i}`)), checks };
  }
}
