import { alertJobType } from '../../alerts/core/alert.job-type.js';
import { dataSyncJobType } from '../../market-data/job-types/data-sync.config.js';
import type { JobTypeDefinition } from '../core/job-type.js';
import { cleanupJobType } from './cleanup.config.js';
import { DATA_JOB_TYPES } from '../../reference-data/core/data-job.job-types.js';
import { httpJobType } from '../../http-jobs/core/http.job-type.js';

/**
 * Every job type, the one table the job body DTO (`type` and the type's section), the API's
 * validation, ALERTS_DIR, `market-scheduler validate` and the run registry read. A new type is its
 * definition (`defineJobType`, pure) plus one line here, and a JobRunner in the module that owns
 * the work (docs/extending.md).
 */
export const JOB_TYPES = [alertJobType, dataSyncJobType, cleanupJobType, ...DATA_JOB_TYPES, httpJobType] as const;

export type JobType = (typeof JOB_TYPES)[number]['type'];

export const JOB_TYPE_NAMES: readonly JobType[] = JOB_TYPES.map((t) => t.type);

export function jobTypeDefinition(type: string): JobTypeDefinition<JobType> | undefined {
  return (JOB_TYPES as readonly JobTypeDefinition<JobType>[]).find((t) => t.type === type);
}
