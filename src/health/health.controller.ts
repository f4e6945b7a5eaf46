import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { AdminToken, Public } from '../common/admin-token.guard.js';
import { configSecrets, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { ComponentHealth } from '../common/health-registry.js';
import { detailedHealth, publicHealth } from './health-view.js';
import { HealthService } from './health.service.js';

/** Kubernetes probes (Terminus) and the operator's detail view. No token: probes carry none. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly health: HealthService,
    private readonly token: AdminToken,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers and its scheduler loop keeps waking. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.terminus.check([async () => this.indicate('scheduler', this.health.schedulerHealth())]);
  }

  /** Readiness: the database answers and every migration is applied. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.terminus.check([async () => this.indicate('database', await this.health.database())]);
  }

  /**
   * `{status: healthy|degraded|unhealthy, issues, checks}`; 503 only when unhealthy. Without the
   * token: statuses and issues in the service's own words; with it, each check's details too.
   */
  @Get()
  async detail(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.health.report();
    res.status(report.status === 'unhealthy' ? 503 : 200);
    return this.token.credential(req) === 'valid'
      ? detailedHealth(report, configSecrets(this.config))
      : publicHealth(report);
  }

  /** Probe answers are public: own-word issues, and details only where they are the service's own (scheduler). */
  private indicate(key: string, health: ComponentHealth) {
    const session = this.indicators.check(key);
    const details = key === 'scheduler' ? (health.details ?? {}) : {};
    const data = { ...details, ...(health.issues?.length ? { issues: health.issues } : {}) };
    return health.status === 'down' ? session.down(data) : session.up(data);
  }
}
