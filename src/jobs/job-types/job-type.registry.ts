import { Injectable } from '@nestjs/common';
import type { JobHandler, JobRunner } from './job-handler.js';
import { jobTypeDefinition, type JobType } from './job-types.js';

/** The job types this process can run: each definition of JOB_TYPES joined with its registered runner. */
@Injectable()
export class JobTypeRegistry {
  private readonly handlers = new Map<JobType, JobHandler>();

  register(runner: JobRunner): void {
    const definition = jobTypeDefinition(runner.type);
    if (!definition) throw new Error(`job type ${runner.type} is not in JOB_TYPES (src/jobs/job-types/job-types.ts)`);
    this.handlers.set(runner.type, {
      type: runner.type,
      // A runner may check a section against this deployment too (an http job's allowed hosts).
      validate: runner.validate ? (section, job) => runner.validate!(section, job) : definition.validate,
      normalize: definition.normalize,
      cursorField: definition.cursorField,
      resumeClears: runner.resumeClears,
      run: (ctx) => runner.run(ctx),
      runBatch: runner.runBatch && ((ctxs) => runner.runBatch!(ctxs)),
      initialState: runner.initialState && ((job) => runner.initialState!(job)),
    });
  }

  get(type: JobType): JobHandler | undefined {
    return this.handlers.get(type);
  }

  types(): JobType[] {
    return [...this.handlers.keys()];
  }
}
