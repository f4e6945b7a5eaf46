import { Injectable } from '@nestjs/common';

export type JobChange = { kind: 'upserted'; id: string } | { kind: 'deleted'; id: string };

/**
 * In-process notice of job changes made through the API, so this replica's scheduler applies
 * them at once; other replicas see the version bump through the store (SchedulerSync).
 */
@Injectable()
export class JobChangeBus {
  private readonly listeners = new Set<(change: JobChange) => void>();

  subscribe(listener: (change: JobChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: JobChange): void {
    for (const l of this.listeners) l(change);
  }
}
