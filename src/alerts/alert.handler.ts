import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FinalRunFailure, type JobRunContext, type JobRunner } from '../jobs/job-types/job-handler.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { AlertEngine, type AlertOutcome } from './alert-engine.service.js';
import { initialAlertState } from './core/index.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { isTimeframe, TIMEFRAME_MS } from '../base/domain/timeframe.js';

/** The provider has not published the closed bar yet: the run's retries ask again shortly (CONTRACT §4 bar-close timing). */
export class BarNotClosedYet extends Error {}

/**
 * The alert's series could not be loaded (unknown symbol, provider down, a load timing out): this
 * alert's run fails with the reason, without the job's retries. The market-data layer has already
 * retried what may pass (a 5xx, a timeout, a short 429), and the alert's next evaluation steps
 * every bar it missed (run-alert.ts), so nothing is lost; retrying each alert of a failing series
 * would instead multiply requests to a vendor that is failing, trip its circuit for every other
 * series, and hold worker slots through the backoff.
 */
export class SeriesUnavailable extends FinalRunFailure {}

/**
 * A series that failed for a reason that may pass, on a timeframe whose next bar is far off
 * (RETRY_FROM_TIMEFRAME_MS and up): the job's retries are worth their cost, or the bar would be
 * reported only at the next close.
 */
export class SeriesUnavailableRetried extends Error {}

/** From this timeframe up (1h), a transient series failure is retried by the job's policy. */
const RETRY_FROM_TIMEFRAME_MS = 3_600_000;

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
    return outcomes.map((outcome, i) => {
      if (outcome.outcome === 'error') return { ok: false, error: seriesError(outcome, ctxs[i].job) };
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

function seriesError(outcome: AlertOutcome & { outcome: 'error' }, job: JobEntity): Error {
  const tf = (job.config as { timeframe?: string }).timeframe;
  const retried = !outcome.permanent && isTimeframe(tf) && TIMEFRAME_MS[tf] >= RETRY_FROM_TIMEFRAME_MS;
  return retried ? new SeriesUnavailableRetried(outcome.error) : new SeriesUnavailable(outcome.error);
}
