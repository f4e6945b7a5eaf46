import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { HttpJobHandler, secretEnvProvider } from './http-job.handler.js';

/** The `http` job type (CONTRACT §8): platform webhooks on a schedule. */
@Module({
  imports: [JobsModule],
  providers: [secretEnvProvider, HttpJobHandler],
})
export class HttpJobsModule {}
