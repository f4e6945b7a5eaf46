import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { RunExecutor } from './run-executor.js';
import { JobTriggerController, SchedulerController } from './scheduler.controller.js';
import { SchedulerStateRepository } from './scheduler-state.repository.js';
import { SchedulerService } from './scheduler.service.js';

@Module({
  imports: [JobsModule],
  controllers: [SchedulerController, JobTriggerController],
  providers: [SchedulerService, RunExecutor, SchedulerStateRepository],
  exports: [SchedulerService, SchedulerStateRepository],
})
export class SchedulerModule {}
