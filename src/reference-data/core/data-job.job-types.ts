import { defineJobType } from '../../jobs/core/job-type.js';
import { normalizeDataJob, validateDataJob } from './data-job-config.js';
import type { DataKind } from './reference-source.js';

const dataJobType = <const K extends DataKind>(kind: K) =>
  defineJobType({
    type: kind,
    validate: (section) => validateDataJob(kind, section),
    normalize: (section) => ({ ...normalizeDataJob(kind, section) }),
  });

/** The data job types (CONTRACT §8): one definition per kind of reference data. */
export const DATA_JOB_TYPES = [
  dataJobType('quotes'),
  dataJobType('companyInfo'),
  dataJobType('earnings'),
  dataJobType('news'),
  dataJobType('economicEvents'),
  dataJobType('optionsChain'),
] as const;
