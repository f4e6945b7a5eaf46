import type { JobTypeDefinition } from '../core/job-type.js';
import type { JobEntity } from '../job.entity.js';
import type { JobType } from './job-types.js';

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
 * The running half of a job type: a Nest provider in the module that owns the work, which
 * registers itself (`JobTypeRegistry.register(this)` in onModuleInit). Its validation and defaults
 * are its definition's, from the JOB_TYPES table; the scheduler and the API need no change.
 */
export interface JobRunner {
  readonly type: JobType;
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
  /**
   * Optional: the section checked against this deployment (settings, environment) as well; it then
   * replaces the definition's offline check, which it must include.
   */
  validate?(section: unknown, job?: { schedule?: unknown }): string[];
  /** Keys of its `job_states` state that a resume drops (an alert: its flood window and pause). */
  readonly resumeClears?: readonly string[];
}

/** One job type as the scheduler and the API use it: its definition and its runner. */
export type JobHandler = JobTypeDefinition<JobType> & JobRunner;

/**
 * An attempt's failure that repeating cannot fix, or that the job's next fire time makes good
 * anyway: the run fails at once with its reason, without the job's retries (and without holding
 * a worker slot through their backoff).
 */
export class FinalRunFailure extends Error {}
