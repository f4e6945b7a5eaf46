import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '../common/validation.js';
import { validateSchedule } from '../base/schedule/index.js';
import { JobDto, JOB_TYPES } from './dto/job.dto.js';
import type { JobType } from './job.entity.js';

/** Checks a job type's own section; messages start with the section's path (`alert.rule…`). */
export type SectionValidator = (section: unknown) => string[];

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
  const dto = plainToInstance(JobDto, plain);
  const problems = flattenValidationErrors(validateSync(dto, VALIDATION_OPTIONS), prefix);
  if (dto.schedule && typeof dto.schedule === 'object') {
    problems.push(...validateSchedule(dto.schedule, { timezone: opts.timezone }).map(at));
  }
  if (!(JOB_TYPES as readonly string[]).includes(dto.type)) return problems;
  for (const other of JOB_TYPES) {
    if (other !== dto.type && dto[other] !== undefined)
      problems.push(at(`${other} is not allowed for a job of type ${dto.type}`));
  }
  const section = opts.sections[dto.type];
  if (!section) return [...problems, at(`type ${dto.type} is not available in this deployment`)];
  return [...problems, ...section(dto[dto.type]).map(at)];
}
