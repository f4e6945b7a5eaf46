import type { JobRunContext, JobRunner } from '../jobs/job-types/job-handler.js';
import type { DataKind } from './core/reference-source.js';
import { runDataJob, type DataJobResult, type RunnerDeps } from './data-job-runners.js';

/** One data job type (`quotes`, `companyInfo`, …): its section's rules and its run, by kind. */
export class DataJobHandler implements JobRunner {
  constructor(
    readonly type: DataKind,
    private readonly deps: RunnerDeps,
  ) {}

  run(ctx: JobRunContext): Promise<DataJobResult> {
    return runDataJob(this.type, this.deps, ctx);
  }
}
