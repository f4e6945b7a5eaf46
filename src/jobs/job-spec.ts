import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ValidationFailed } from '../common/errors.js';
import { flattenValidationErrors, VALIDATION_OPTIONS } from '../common/validation.js';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validateSchedule } from '../scheduler/core/index.js';
import { JobDto, JOB_TYPES } from './dto/job.dto.js';
import type { JobType, MisfirePolicy, OverlapPolicy } from './job.entity.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';

/** A job body checked and normalised, defaults filled in: what the store keeps. */
export interface JobSpec {
  name: string;
  type: JobType;
  enabled: boolean;
  schedule: Record<string, unknown>;
  config: Record<string, unknown>;
  retry: { maxAttempts: number; backoffSeconds: number };
  timeoutSeconds: number;
  misfire: { graceSeconds: number; policy: MisfirePolicy };
  overlap: OverlapPolicy;
}

export const DEFAULT_RETRY = { maxAttempts: 3, backoffSeconds: 5 };
export const DEFAULT_MISFIRE = { graceSeconds: 300, policy: 'runOnce' as MisfirePolicy };

/**
 * Turns a job body into a JobSpec or a ValidationFailed listing every problem with its path:
 * the shape (class-validator), the schedule (scheduler core) and the type's section (its handler).
 * One parser for create, replace, patch, bulk, validate and ALERTS_DIR files.
 */
@Injectable()
export class JobSpecParser {
  constructor(private readonly registry: JobTypeRegistry, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  parse(plain: unknown, prefix = ''): JobSpec {
    const problems = this.problems(plain, prefix);
    if (problems.length) throw new ValidationFailed(problems);
    return this.normalize(plainToInstance(JobDto, plain));
  }

  problems(plain: unknown, prefix = ''): string[] {
    const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return [`${prefix || 'body'} must be a JSON object`];
    const dto = plainToInstance(JobDto, plain);
    const problems = flattenValidationErrors(validateSync(dto, VALIDATION_OPTIONS), prefix);
    if (dto.schedule && typeof dto.schedule === 'object') {
      problems.push(...validateSchedule(dto.schedule, { timezone: this.config.scheduler.timezone }).map(at));
    }
    if ((JOB_TYPES as readonly string[]).includes(dto.type)) problems.push(...this.sectionProblems(dto).map(at));
    return problems;
  }

  private sectionProblems(dto: JobDto): string[] {
    const problems = JOB_TYPES.filter((t) => t !== dto.type && dto[t] !== undefined)
      .map((t) => `${t} is not allowed for a job of type ${dto.type}`);
    const handler = this.registry.get(dto.type);
    if (!handler) return [...problems, `type ${dto.type} is not available in this deployment`];
    return [...problems, ...handler.validate(dto[dto.type])];
  }

  private normalize(dto: JobDto): JobSpec {
    const handler = this.registry.get(dto.type)!;
    return {
      name: dto.name,
      type: dto.type,
      enabled: dto.enabled ?? true,
      schedule: dto.schedule,
      config: handler.normalize(dto[dto.type]),
      retry: dto.retry ? { maxAttempts: dto.retry.maxAttempts, backoffSeconds: dto.retry.backoffSeconds } : { ...DEFAULT_RETRY },
      timeoutSeconds: dto.timeoutSeconds ?? this.config.scheduler.jobTimeoutSeconds,
      misfire: dto.misfire ? { graceSeconds: dto.misfire.graceSeconds, policy: dto.misfire.policy } : { ...DEFAULT_MISFIRE },
      overlap: dto.overlap ?? 'skip',
    };
  }
}
