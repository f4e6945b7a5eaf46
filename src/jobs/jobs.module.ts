import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobChangeBus } from './job-events.js';
import { JobCountersRepository } from './job-counters.repository.js';
import { JobFilesSync } from './job-files.sync.js';
import { JobSpecParser } from './job-spec.js';
import { CleanupHandler } from './job-types/cleanup.handler.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { JobRunEntity } from './job-run.entity.js';
import { JobEntity } from './job.entity.js';
import { JobsController } from './jobs.controller.js';
import { JobsRepository } from './jobs.repository.js';
import { JobStatesRepository } from './job-states.repository.js';
import { JobsService } from './jobs.service.js';
import { RecentRunsRepository } from './recent-runs.repository.js';
import { RunsController } from './runs.controller.js';
import { RunsRepository } from './runs.repository.js';
import { RunFinishHooks } from './run-finish-hooks.js';
import { RunsService } from './runs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([JobEntity, JobRunEntity])],
  controllers: [JobsController, RunsController],
  providers: [
    JobsRepository,
    JobStatesRepository,
    RunsRepository,
    RecentRunsRepository,
    RunsService,
    JobCountersRepository,
    JobsService,
    JobSpecParser,
    JobTypeRegistry,
    JobChangeBus,
    CleanupHandler,
    JobFilesSync,
    RunFinishHooks,
  ],
  exports: [
    RunFinishHooks,
    JobFilesSync,
    JobsRepository,
    JobStatesRepository,
    RunsRepository,
    JobCountersRepository,
    JobsService,
    JobSpecParser,
    JobTypeRegistry,
    JobChangeBus,
    CleanupHandler,
  ],
})
export class JobsModule {}
