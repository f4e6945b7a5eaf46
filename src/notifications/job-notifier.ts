import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RunStatus } from '../jobs/job-run.entity.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { RunFinishHooks, type FinishedRun } from '../jobs/run-finish-hooks.js';
import type { EntityManager } from 'typeorm';
import { jobNotificationPayload } from './core/job-notification.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationsRepository } from './notifications.repository.js';

/**
 * Job notifications (CONTRACT §8, seed 003's notify.on_failure / on_success) for every job type:
 * written to the outbox in the transaction that records the run's final status, so a failed run is
 * notified exactly when it is recorded, and delivered by the same dispatcher and rules as alerts.
 */
@Injectable()
export class JobNotifier implements OnModuleInit {
  constructor(
    private readonly hooks: RunFinishHooks,
    private readonly repo: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  onModuleInit(): void {
    this.hooks.add({
      wants: (job, status) => wants(job, status),
      write: (em, finished) => this.write(em, finished),
      committed: () => this.dispatcher.kick(),
    });
    this.hooks.addPause({
      wants: (job) => job.notify?.onFailure === true,
      write: (em, p) => this.write(em, { ...p, result: null, finishedAt: p.pausedAt }, p.note),
      committed: () => this.dispatcher.kick(),
    });
  }

  /** `pausedNote`: `pauseOnFailures` paused the job after this run (a `job.paused` notification). */
  private async write(em: EntityManager, f: FinishedRun, pausedNote?: string): Promise<void> {
    await this.repo.enqueueBodies(em, [
      jobNotificationPayload({
        id: randomUUID(),
        job: { id: f.job.id, name: f.job.name, type: f.job.type, notify: f.job.notify!, config: f.job.config },
        pausedNote,
        runId: f.run.id,
        scheduledFor: f.run.scheduledFor,
        status: f.status,
        attempt: f.run.attempt,
        error: f.error,
        result: f.result,
        finishedAt: f.finishedAt,
      }),
    ]);
  }
}

function wants(job: JobEntity, status: RunStatus): boolean {
  const n = job.notify;
  if (!n) return false;
  if (status === 'succeeded') return n.onSuccess;
  return (status === 'failed' || status === 'timedOut') && n.onFailure;
}
