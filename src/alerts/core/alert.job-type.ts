import { defineJobType } from '../../jobs/core/job-type.js';
import type { AlertConfigInput } from './alert-config.js';
import { indicatorSpec } from './indicator-adapter.js';
import { normalizeAlertConfig, validateAlertJob } from './validate-alert-config.js';

/** `alert` jobs (CONTRACT §4): the section checked with field paths, stored with its defaults. */
export const alertJobType = defineJobType({
  type: 'alert',
  cursorField: 'lastEvaluatedBarOpen',
  validate: (section, job) => validateAlertJob(section, job?.schedule, indicatorSpec),
  normalize: (section) => normalizeAlertConfig(section as AlertConfigInput) as unknown as Record<string, unknown>,
});
