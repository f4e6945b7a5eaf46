import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { processSecretEnv, type SecretEnv } from '../config/secret-env.js';
import type { JobRunner, JobRunContext } from '../jobs/job-types/job-handler.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { validateHttpJob, type HttpJobConfig } from './core/http-job-config.js';
import { performHttpJob, type HttpJobResult } from './http-request.js';

/** Injection token of the environment `${env:NAME}` resolves from (the process's; tests may give their own). */
export const SECRET_ENV = Symbol('SECRET_ENV');

/**
 * `http` jobs (CONTRACT §8): call the user's platform (a strategy run, a balance sync) on a
 * schedule. What can be known at create time (the allowlist, a missing variable) is a 400 then;
 * the rest fails the run with a message that says why and never carries a secret.
 */
@Injectable()
export class HttpJobHandler implements JobRunner, OnModuleInit {
  readonly type = 'http' as const;

  constructor(
    private readonly registry: JobTypeRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_ENV) private readonly env: SecretEnv,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  validate(section: unknown): string[] {
    return validateHttpJob(section, {
      allowedHosts: this.config.httpJobs.allowedHosts,
      hasEnv: (name) => this.env(name) !== undefined,
    });
  }

  run(ctx: JobRunContext): Promise<HttpJobResult> {
    return performHttpJob(ctx.job.config as unknown as HttpJobConfig, {
      jobId: ctx.job.id,
      jobName: ctx.job.name,
      runId: ctx.runId,
      scheduledFor: ctx.scheduledFor,
      allowedHosts: this.config.httpJobs.allowedHosts,
      env: this.env,
      nowMs: () => this.clock.now(),
      signal: ctx.signal,
      timeoutMs: ctx.job.timeoutSeconds * 1000,
    });
  }
}

export const secretEnvProvider = { provide: SECRET_ENV, useValue: processSecretEnv };
