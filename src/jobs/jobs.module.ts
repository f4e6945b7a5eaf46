import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobChangeBus } from './job-events.js';
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
import { RunsRepository } from './runs.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([JobEntity, JobRunEntity])],
  controllers: [JobsController],
  providers: [
    JobsRepository,
    JobStatesRepository,
    RunsRepository,
    JobsService,
    JobSpecParser,
    JobTypeRegistry,
    JobChangeBus,
    CleanupHandler,
    JobFilesSync,
  ],
  exports: [
    JobFilesSync,
    JobsRepository,
    JobStatesRepository,
    RunsRepository,
    JobsService,
    JobSpecParser,
    JobTypeRegistry,
    JobChangeBus,
    CleanupHandler,
  ],
})
export class JobsModule {}
