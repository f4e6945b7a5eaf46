import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { HealthService } from './health.service.js';

/**
 * Seed 000's scheduler route names (CONTRACT §8), for scripts written against it: `start` resumes,
 * `stop` pauses, `restart` re-reads the store and ALERTS_DIR, re-registers every schedule and
 * resumes, `health` is `GET /health`. Here (not in the scheduler module) because it answers health too.
 */
@Controller('scheduler')
export class SeedRoutesController {
  constructor(
    private readonly scheduler: SchedulerService,
    private readonly health: HealthService,
  ) {}

  @Post('start')
  @HttpCode(200)
  async start() {
    await this.scheduler.setPaused(false);
    return { paused: false };
  }

  @Post('stop')
  @HttpCode(200)
  async stop() {
    await this.scheduler.setPaused(true);
    return { paused: true };
  }

  @Post('restart')
  @HttpCode(200)
  async restart() {
    const counts = await this.scheduler.reload();
    await this.scheduler.setPaused(false);
    return counts;
  }

  @Get('health')
  async schedulerHealth(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.report();
    res.status(report.status === 'unhealthy' ? 503 : 200);
    return report;
  }
}
