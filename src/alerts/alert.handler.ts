import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobRunContext, JobRunner } from '../jobs/job-types/job-handler.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { AlertEngine, type AlertOutcome } from './alert-engine.service.js';
import { initialAlertState } from './core/index.js';

/** The provider has not published the closed bar yet: the run's retries ask again shortly (CONTRACT §4 bar-close timing). */
export class BarNotClosedYet extends Error {}

/** The alert's series could not be loaded (unknown symbol, provider down): this alert's run fails and is retried. */
export class SeriesUnavailable extends Error {}

/** Runs `alert` jobs (CONTRACT §4; definition: core/alert.job-type.ts): the AlertEngine evaluates them once per closed bar. */
@Injectable()
export class AlertHandler implements JobRunner, OnModuleInit {
  readonly type = 'alert' as const;
  /** A resume clears the flood guard's count and its pause (CONTRACT §8). */
  readonly resumeClears = ['recentTriggers', 'pausedBy'] as const;

  constructor(
    private readonly registry: JobTypeRegistry,
    private readonly engine: AlertEngine,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** A new or edited alert starts armed (its runs' writes then go to `job_states`, guarded by a revision). */
  initialState(): Record<string, unknown> {
    return { ...initialAlertState() };
  }

  async run(ctx: JobRunContext): Promise<AlertOutcome> {
    const [outcome] = await this.runBatch([ctx]);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /** Every alert due at one fire time in one engine pass: shared bars, indicators and writes. */
  async runBatch(
    ctxs: JobRunContext[],
  ): Promise<Array<{ ok: true; result: AlertOutcome } | { ok: false; error: unknown }>> {
    const byTime = new Map<number, number[]>();
    ctxs.forEach((ctx, i) => {
      const at = ctx.scheduledFor.getTime();
      const group = byTime.get(at);
      if (group) group.push(i);
      else byTime.set(at, [i]);
    });
    const outcomes: AlertOutcome[] = new Array(ctxs.length);
    for (const [at, group] of byTime) {
      const { list } = await this.engine.process(
        group.map((i) => ctxs[i].job),
        new Date(at),
      );
      group.forEach((ctxIndex, k) => {
        outcomes[ctxIndex] = list[k];
      });
    }
    return outcomes.map((outcome) => {
      if (outcome.outcome === 'error') return { ok: false, error: new SeriesUnavailable(outcome.error) };
      if (outcome.outcome !== 'notClosedYet') return { ok: true, result: outcome };
      return {
        ok: false,
        error: new BarNotClosedYet(
          `${outcome.provider} has not closed the bar ${outcome.expected} yet (latest ${outcome.latestBar})`,
        ),
      };
    });
  }
}
