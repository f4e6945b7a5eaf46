import type { JobEntity, JobType } from '../job.entity.js';

/** What a handler gets for one attempt of one run. */
export interface JobRunContext {
  job: JobEntity;
  runId: string;
  scheduledFor: Date;
  attempt: number;
  trigger: 'schedule' | 'catchup' | 'manual';
  /** Aborted when the run times out or the process shuts down past its grace. */
  signal: AbortSignal;
}

/**
 * One job type. Adding a type is writing a handler and registering it in its module's
 * onModuleInit (JobTypeRegistry.register); the scheduler and the API need no change.
 */
export interface JobHandler {
  readonly type: JobType;
  /**
   * Problems in the type's section, each starting with its path (`cleanup.runsOlderThanDays must …`).
   * `job` is the whole body, for checks across fields (an alert's timeframe against its schedule).
   */
  validate(section: unknown, job?: { schedule?: unknown }): string[];
  /** The section as stored, defaults filled in. Only called on a section `validate` accepted. */
  normalize(section: unknown): Record<string, unknown>;
  /** Runs one attempt; the answer is stored as the run's `result`. Throwing fails the attempt. */
  run(ctx: JobRunContext): Promise<unknown>;
  /**
   * Optional: runs many attempts as one unit of work (one worker slot), answering one outcome per
   * context, in order. The alert type has it: 100,000 alerts at one bar close share their bars,
   * indicators and writes instead of taking 100,000 turns. A failed outcome is retried one by one.
   */
  runBatch?(ctxs: JobRunContext[]): Promise<Array<{ ok: true; result: unknown } | { ok: false; error: unknown }>>;
  /** Type-owned state for a new or changed job (an alert re-arms); null when the type keeps none. */
  initialState?(job: JobEntity): Record<string, unknown> | null;
  /** What the job's `job_states` cursor is called in its state, as the API shows it (an alert: `lastEvaluatedBarOpen`). */
  readonly cursorField?: string;
}
