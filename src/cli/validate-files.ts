import { validateAlertJob } from '../alerts/core/index.js';
import { indicatorSpec } from '../alerts/indicator-adapter.js';
import { jobBodyProblems } from '../jobs/job-body.js';
import { readJobFile } from '../jobs/job-files.js';
import { validateCleanup } from '../jobs/job-types/cleanup.config.js';
import { validateDataSync } from '../market-data/data-sync.config.js';

const SECTIONS = {
  alert: (s: unknown, job: { schedule?: unknown }) => validateAlertJob(s, job.schedule, indicatorSpec),
  dataSync: (s: unknown) => validateDataSync(s),
  cleanup: (s: unknown) => validateCleanup(s),
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
