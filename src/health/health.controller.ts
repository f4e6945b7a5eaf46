import { Controller, Get, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../common/admin-token.guard.js';
import type { ComponentHealth } from '../common/health-registry.js';
import { HealthService } from './health.service.js';

/** Kubernetes probes (Terminus) and the operator's detail view. No token: probes carry none. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly health: HealthService,
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

  /** `{status: healthy|degraded|unhealthy, issues, checks}`; 503 only when unhealthy. */
  @Get()
  async detail(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.report();
    res.status(report.status === 'unhealthy' ? 503 : 200);
    return report;
  }

  private indicate(key: string, health: ComponentHealth) {
    const session = this.indicators.check(key);
    const data = { ...(health.details ?? {}), ...(health.issues?.length ? { issues: health.issues } : {}) };
    return health.status === 'down' ? session.down(data) : session.up(data);
  }
}
