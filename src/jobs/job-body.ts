import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { hostileInputProblems, MAX_JSON_DEPTH } from '../common/hostile-input.js';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '../common/validation.js';
import { validateSchedule } from '../base/schedule/index.js';
import { JobDto } from './dto/job.dto.js';
import { JOB_TYPE_NAMES, type JobType } from './job-types/job-types.js';

/**
 * Checks a job type's own section; messages start with the section's path (`alert.rule…`). `job`
 * is the whole body, for checks across fields (an alert's schedule against its timeframe).
 */
export type SectionValidator = (section: unknown, job: { schedule?: unknown }) => string[];

/**
 * Every problem of a job body, each naming its field path: the shape (class-validator), the
 * schedule (scheduler core) and the type's section. Pure, so the service (JobSpecParser), the
 * ALERTS_DIR sync and the offline `market-scheduler validate` give the same answers.
 */
export function jobBodyProblems(
  plain: unknown,
  opts: { prefix?: string; timezone: string; sections: Partial<Record<JobType, SectionValidator>> },
): string[] {
  const prefix = opts.prefix ?? '';
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    return [`${prefix || 'body'} must be a JSON object`];
  // Prototype keys, NUL characters and runaway nesting (CONTRACT §8) before class-transformer walks
  // the body: HTTP bodies were checked by the body parser already, job files (YAML) were not.
  const hostile = hostileInputProblems(plain, MAX_JSON_DEPTH, prefix);
  if (hostile.length) return hostile;
  const dto = plainToInstance(JobDto, plain);
  const problems = flattenValidationErrors(validateSync(dto, VALIDATION_OPTIONS), prefix);
  if (dto.schedule && typeof dto.schedule === 'object') {
    problems.push(...validateSchedule(dto.schedule, { timezone: opts.timezone }).map(at));
  }
  if (!(JOB_TYPE_NAMES as readonly string[]).includes(dto.type)) return problems;
  for (const other of JOB_TYPE_NAMES) {
    if (other !== dto.type && dto[other] !== undefined)
      problems.push(at(`${other} is not allowed for a job of type ${dto.type}`));
  }
  const section = opts.sections[dto.type];
  if (!section) return [...problems, at(`type ${dto.type} is not available in this deployment`)];
  return [...problems, ...section(dto[dto.type], dto).map(at)];
}
