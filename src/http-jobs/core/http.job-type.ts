import { defineJobType } from '../../jobs/core/job-type.js';
import { normalizeHttpJob, validateHttpJob } from './http-job-config.js';

/**
 * `http` jobs (CONTRACT §8), checked offline; the service's runner checks HTTP_JOB_ALLOWED_HOSTS
 * and the environment as well (HttpJobHandler.validate).
 */
export const httpJobType = defineJobType({
  type: 'http',
  validate: (section) => validateHttpJob(section),
  normalize: (section) => ({ ...normalizeHttpJob(section) }),
});
