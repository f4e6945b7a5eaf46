import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ValidationFailed } from '../common/errors.js';
import { plainToInstance } from 'class-transformer';
import { JobDto, MisfireDto, RetryDto } from './dto/job.dto.js';
import { jobBodyProblems } from './job-body.js';
import type { JobNotify, JobType, MisfirePolicy, OverlapPolicy } from './job.entity.js';
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
  /** Job-level notifications; null when the body has no `notify`. */
  notify: JobNotify | null;
  /** Null: failures never pause the job. */
  pauseOnFailures: number | null;
}

export const DEFAULT_RETRY: JobSpec['retry'] = { ...new RetryDto() };
export const DEFAULT_MISFIRE: JobSpec['misfire'] = { ...new MisfireDto() };

/**
 * Turns a job body into a JobSpec or a ValidationFailed listing every problem with its path:
 * the shape (class-validator), the schedule (scheduler core) and the type's section (its handler).
 * One parser for create, replace, patch, bulk, validate and ALERTS_DIR files.
 */
@Injectable()
export class JobSpecParser {
  constructor(
    private readonly registry: JobTypeRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  parse(plain: unknown, prefix = ''): JobSpec {
    const problems = this.problems(plain, prefix);
    if (problems.length) throw new ValidationFailed(problems);
    return this.normalize(plainToInstance(JobDto, plain));
  }

  problems(plain: unknown, prefix = ''): string[] {
    const sections = Object.fromEntries(
      this.registry
        .types()
        .map((t) => [t, (x: unknown, job: { schedule?: unknown }) => this.registry.get(t)!.validate(x, job)]),
    );
    return jobBodyProblems(plain, { prefix, timezone: this.config.scheduler.timezone, sections });
  }

  private normalize(dto: JobDto): JobSpec {
    const handler = this.registry.get(dto.type)!;
    return {
      name: dto.name,
      type: dto.type,
      enabled: dto.enabled ?? true,
      schedule: dto.schedule,
      config: handler.normalize(dto[dto.type]),
      retry: dto.retry
        ? { maxAttempts: dto.retry.maxAttempts, backoffSeconds: dto.retry.backoffSeconds }
        : { ...DEFAULT_RETRY },
      timeoutSeconds: dto.timeoutSeconds ?? this.config.scheduler.jobTimeoutSeconds,
      misfire: dto.misfire
        ? { graceSeconds: dto.misfire.graceSeconds, policy: dto.misfire.policy }
        : { ...DEFAULT_MISFIRE },
      overlap: dto.overlap ?? 'skip',
      notify: dto.notify
        ? {
            onFailure: dto.notify.onFailure ?? true,
            onSuccess: dto.notify.onSuccess ?? false,
            channels: dto.notify.channels ?? [],
            recipient: dto.notify.recipient ?? null,
            priority: dto.notify.priority ?? 'normal',
          }
        : null,
      pauseOnFailures: dto.pauseOnFailures ?? null,
    };
  }
}
