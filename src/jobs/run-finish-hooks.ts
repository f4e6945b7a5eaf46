import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobRunEntity, RunStatus } from './job-run.entity.js';
import type { JobEntity } from './job.entity.js';

/** A run as it ends: what a hook may write about it. */
export interface FinishedRun {
  job: JobEntity;
  run: Pick<JobRunEntity, 'id' | 'scheduledFor' | 'attempt' | 'trigger'>;
  status: RunStatus;
  result: unknown;
  error: string | null;
  finishedAt: Date;
}

/** Something a module writes when a run ends, in the same transaction as the run's final status. */
export interface RunFinishHook {
  /** Whether this run's end needs the hook (cheap; false keeps the finish a single statement). */
  wants(job: JobEntity, status: RunStatus): boolean;
  write(em: EntityManager, finished: FinishedRun): Promise<void>;
  /** After the transaction committed (e.g. wake a dispatcher). */
  committed?(): void;
}

/**
 * Hooks on the end of a run, registered by the modules above the scheduler (job notifications)
 * so the scheduler needs no knowledge of them; RunsRepository writes them in the finish's transaction.
 */
@Injectable()
export class RunFinishHooks {
  private readonly hooks: RunFinishHook[] = [];

  add(hook: RunFinishHook): void {
    this.hooks.push(hook);
  }

  /** The hooks this run's end needs; empty for most runs. */
  for(job: JobEntity | undefined, status: RunStatus): RunFinishHook[] {
    return job ? this.hooks.filter((h) => h.wants(job, status)) : [];
  }
}
