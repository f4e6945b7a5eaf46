import { jobBodyProblems } from '../jobs/job-body.js';
import { readJobFile } from '../jobs/job-files.js';
import { JOB_TYPES } from '../jobs/job-types/job-types.js';

/**
 * Every job type's section check, from the one table the service reads too. Offline: an http job's
 * HTTP_JOB_ALLOWED_HOSTS and environment are checked when the service loads the file.
 */
const SECTIONS = Object.fromEntries(JOB_TYPES.map((t) => [t.type, t.validate]));

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
