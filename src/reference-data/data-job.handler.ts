import type { JobHandler, JobRunContext } from '../jobs/job-types/job-handler.js';
import { normalizeDataJob, validateDataJob } from './core/data-job-config.js';
import type { DataKind } from './core/reference-source.js';
import { runDataJob, type DataJobResult, type RunnerDeps } from './data-job-runners.js';

/** One data job type (`quotes`, `companyInfo`, …): its section's rules and its run, by kind. */
export class DataJobHandler implements JobHandler {
  constructor(
    readonly type: DataKind,
    private readonly deps: RunnerDeps,
  ) {}

  validate(section: unknown): string[] {
    return validateDataJob(this.type, section);
  }

  normalize(section: unknown): Record<string, unknown> {
    return { ...normalizeDataJob(this.type, section) };
  }

  run(ctx: JobRunContext): Promise<DataJobResult> {
    return runDataJob(this.type, this.deps, ctx);
  }
}
