import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobsModule } from '../jobs/jobs.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { SeedRoutesController } from './seed-routes.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SchedulerModule, JobsModule],
  controllers: [HealthController, SeedRoutesController],
  providers: [HealthService],
})
export class HealthModule {}
