import { validateAlertJob } from '../alerts/core/index.js';
import { indicatorSpec } from '../alerts/indicator-adapter.js';
import { jobBodyProblems } from '../jobs/job-body.js';
import { readJobFile } from '../jobs/job-files.js';
import { validateCleanup } from '../jobs/job-types/cleanup.config.js';
import { validateDataSync } from '../market-data/data-sync.config.js';
import { validateHttpJob } from '../http-jobs/core/http-job-config.js';
import { validateDataJob } from '../reference-data/core/data-job-config.js';
import { DATA_KINDS } from '../reference-data/core/reference-source.js';

const SECTIONS = {
  alert: (s: unknown, job: { schedule?: unknown }) => validateAlertJob(s, job.schedule, indicatorSpec),
  dataSync: (s: unknown) => validateDataSync(s),
  cleanup: (s: unknown) => validateCleanup(s),
  ...Object.fromEntries(DATA_KINDS.map((kind) => [kind, (s: unknown) => validateDataJob(kind, s)])),
  // Offline: the deployment's HTTP_JOB_ALLOWED_HOSTS and environment are checked when the service loads the file.
  http: (s: unknown) => validateHttpJob(s),
};

/**
 * `market-scheduler validate FILE...`: the service's own checks, offline (no database, no network).
 * Answers every problem as `file[index].field.path message`; empty when every job is valid.
 */
export function validateJobFiles(paths: string[], timezone = 'UTC'): { jobs: number; problems: string[] } {
  let jobs = 0;
  const problems: string[] = [];
  for (const path of paths) {
    const file = readJobFile(path);
    problems.push(...file.problems);
    for (const item of file.items) {
      jobs += 1;
      problems.push(...jobBodyProblems(item.body, { prefix: item.ref, timezone, sections: SECTIONS }));
    }
  }
  return { jobs, problems };
}
