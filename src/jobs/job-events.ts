import { Injectable } from '@nestjs/common';

export type JobChange = { kind: 'upserted'; id: string } | { kind: 'deleted'; id: string };

/**
 * In-process notice of job changes made through the API, so this replica's scheduler applies
 * them at once; other replicas see the version bump through the store (SchedulerService's upkeep sync).
 */
@Injectable()
export class JobChangeBus {
  private readonly listeners = new Set<(change: JobChange) => Promise<void> | void>();

  subscribe(listener: (change: JobChange) => Promise<void> | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every listener applied the change: the API answers only after the schedule is in effect. */
  async publish(change: JobChange): Promise<void> {
    await Promise.all([...this.listeners].map((l) => l(change)));
  }
}
