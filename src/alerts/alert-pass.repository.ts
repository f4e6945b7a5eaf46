import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobStatesRepository, type JobStateWrites } from '../jobs/job-states.repository.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import type { NotificationInput } from '../notifications/core/index.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { AlertEventsRepository, type StoredAlertEvent } from './alert-events.repository.js';
import type { FloodPause } from './alert-pass.js';

/** What the alerts that won their state write leave behind: finished jobs, events, notifications. */
export interface PassEffects {
  finished: Array<{ jobId: string; status: 'done' | 'expired' }>;
  /** Alerts their flood guard paused (CONTRACT §8). */
  paused: FloodPause[];
  events: StoredAlertEvent[];
  notifications: NotificationInput[];
}

/**
 * The alert pass's writes (CONTRACT §4, §5). Each method is one unit of work and owns its
 * transaction, so the AlertEngine computes and this commits: an alert's state, its events and its
 * notification are in one transaction or none.
 */
@Injectable()
export class AlertPassRepository {
  constructor(
    private readonly states: JobStatesRepository,
    private readonly jobs: JobsRepository,
    private readonly events: AlertEventsRepository,
    private readonly notifications: NotificationsRepository,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /**
   * Writes the changed states, each guarded by its revision; then, in the same transaction, what
   * `effectsOf` derives for the alerts whose write won (a lost guard writes nothing else). Answers
   * the alerts whose guard was lost and how many notifications went into the outbox.
   */
  async commitChanges(
    writes: JobStateWrites,
    effectsOf: (lost: ReadonlySet<string>) => PassEffects,
    now: Date,
  ): Promise<{ lost: Set<string>; notified: number }> {
    return this.ds.transaction(async (em) => {
      const lost = await this.states.write(em, writes);
      const effects = effectsOf(lost);
      await this.jobs.finish(em, effects.finished);
      await this.jobs.pauseMany(em, effects.paused, now);
      await this.events.insert(em, effects.events);
      const notified = (await this.notifications.enqueueMany(em, effects.notifications)).length;
      return { lost, notified };
    });
  }

  /** Moves cursors only (nothing else changed for these alerts): one guarded statement, no transaction needed. */
  advanceCursors(writes: JobStateWrites): Promise<Set<string>> {
    return this.states.write(this.ds.manager, writes);
  }

  /** Events that come with no state change (`stale`, `error`), all or none. */
  async recordEvents(events: StoredAlertEvent[]): Promise<void> {
    await this.ds.transaction((em) => this.events.insert(em, events));
  }
}
