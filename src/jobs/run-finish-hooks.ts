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

/** A job `pauseOnFailures` has just paused, after `run` (its last failure): what a pause hook may write about it. */
export interface PausedJob {
  job: JobEntity;
  run: FinishedRun['run'];
  status: RunStatus;
  error: string | null;
  /** The pause note, as `GET /jobs/:id` shows it. */
  note: string;
  pausedAt: Date;
}

/** Something a module writes when `pauseOnFailures` pauses a job, in the pause's transaction. */
export interface JobPausedHook {
  wants(job: JobEntity): boolean;
  write(em: EntityManager, paused: PausedJob): Promise<void>;
  committed?(): void;
}

/**
 * Hooks on the end of a run, registered by the modules above the scheduler (job notifications)
 * so the scheduler needs no knowledge of them; RunsRepository writes them in the finish's transaction.
 */
@Injectable()
export class RunFinishHooks {
  private readonly hooks: RunFinishHook[] = [];
  private readonly pauseHooks: JobPausedHook[] = [];

  add(hook: RunFinishHook): void {
    this.hooks.push(hook);
  }

  addPause(hook: JobPausedHook): void {
    this.pauseHooks.push(hook);
  }

  /**
   * What a pause of this job by its failures writes (its notification), as one writer for the
   * pause's transaction (undefined: nothing to write), and what to call once it committed.
   */
  forPause(
    job: JobEntity,
    paused: Omit<PausedJob, 'job' | 'note'>,
  ): { write?: (em: EntityManager, note: string) => Promise<void>; committed(): void } {
    const hooks = this.pauseHooks.filter((h) => h.wants(job));
    if (hooks.length === 0) return { committed: () => undefined };
    return {
      write: async (em, note) => {
        for (const h of hooks) await h.write(em, { ...paused, job, note });
      },
      committed: () => hooks.forEach((h) => h.committed?.()),
    };
  }

  /** The hooks this run's end needs; empty for most runs. */
  for(job: JobEntity | undefined, status: RunStatus): RunFinishHook[] {
    return job ? this.hooks.filter((h) => h.wants(job, status)) : [];
  }
}
