import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { redactedConfig, type AppConfig } from '../config/app-config.js';
import { IdPipe } from '../common/id.pipe.js';
import { runView } from '../jobs/job-view.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobsService } from '../jobs/jobs.service.js';
import { SchedulerService } from './scheduler.service.js';

@Controller('scheduler')
export class SchedulerController {
  constructor(
    private readonly scheduler: SchedulerService,
    private readonly jobs: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('status')
  async status() {
    const { scheduled, ...rest } = this.scheduler.status();
    const counts = await this.jobs.counts();
    return { ...rest, jobs: { total: counts.total, enabled: counts.enabled, scheduled } };
  }

  @Post('reload')
  @HttpCode(200)
  reload() {
    return this.scheduler.reload();
  }

  @Post('pause')
  @HttpCode(200)
  async pause() {
    await this.scheduler.setPaused(true);
    return { paused: true };
  }

  @Post('resume')
  @HttpCode(200)
  async resume() {
    await this.scheduler.setPaused(false);
    return { paused: false };
  }

  @Get('config')
  effectiveConfig() {
    return redactedConfig(this.config);
  }
}

/** `POST /jobs/:id/trigger` lives with the scheduler, which runs it. */
@Controller('jobs')
export class JobTriggerController {
  constructor(
    private readonly scheduler: SchedulerService,
    private readonly jobs: JobsService,
  ) {}

  @Post(':id/trigger')
  @HttpCode(202)
  async trigger(@Param('id', IdPipe) id: string) {
    return runView(await this.scheduler.trigger(await this.jobs.mustFind(id)));
  }
}
