import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobHandler, JobRunContext } from '../jobs/job-types/job-handler.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { AlertEngine, type AlertOutcome } from './alert-engine.service.js';
import { initialAlertState, normalizeAlertConfig, validateAlertConfig, type AlertConfigInput } from './core/index.js';
import { indicatorSpec } from './indicator-adapter.js';

/** The provider has not published the closed bar yet: the run's retries ask again shortly (CONTRACT §4 bar-close timing). */
export class BarNotClosedYet extends Error {}

/** `alert` jobs (CONTRACT §4): validated with field paths, evaluated by the AlertEngine once per closed bar. */
@Injectable()
export class AlertHandler implements JobHandler, OnModuleInit {
  readonly type = 'alert' as const;

  constructor(private readonly registry: JobTypeRegistry, private readonly engine: AlertEngine) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  validate(section: unknown): string[] {
    if (section === undefined) return ['alert is required for a job of type alert'];
    return validateAlertConfig(section, indicatorSpec, 'alert');
  }

  normalize(section: unknown): Record<string, unknown> {
    return normalizeAlertConfig(section as AlertConfigInput) as unknown as Record<string, unknown>;
  }

  /** A new or edited alert starts armed, revision 0 (the revision guards concurrent state writes). */
  initialState(): Record<string, unknown> {
    return { ...initialAlertState(), rev: 0 };
  }

  async run(ctx: JobRunContext): Promise<AlertOutcome> {
    const outcome = (await this.engine.process([ctx.job], ctx.scheduledFor)).get(ctx.job.id)!;
    if (outcome.outcome === 'notClosedYet') {
      throw new BarNotClosedYet(`${outcome.provider} has not closed the bar ${outcome.expected} yet (latest ${outcome.latestBar})`);
    }
    return outcome;
  }
}
