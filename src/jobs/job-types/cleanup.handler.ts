import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../base/time/clock.js';
import { RunsRepository } from '../runs.repository.js';
import type { JobRunContext, JobRunner } from './job-handler.js';
import { JobTypeRegistry } from './job-type.registry.js';
import { normalizeCleanup } from './cleanup.config.js';

const DAY_MS = 86_400_000;

/** Stored data other modules own (bars, delivered notifications): they register what to purge. */
export interface RetentionTarget {
  /** The `cleanup` field that sets its age, e.g. `barsOlderThanDays`. */
  field: string;
  purgeBefore(before: Date): Promise<number>;
}

/**
 * `cleanup` jobs (CONTRACT §3): deletes finished runs (keeping each job's latest, which misfire
 * detection needs) and whatever registered retention targets hold, older than the configured ages.
 */
@Injectable()
export class CleanupHandler implements JobRunner, OnModuleInit {
  readonly type = 'cleanup' as const;
  private readonly targets: RetentionTarget[] = [];

  constructor(
    private readonly registry: JobTypeRegistry,
    private readonly runs: RunsRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  addTarget(target: RetentionTarget): void {
    this.targets.push(target);
  }

  async run(ctx: JobRunContext): Promise<Record<string, number>> {
    const cfg = normalizeCleanup(ctx.job.config);
    const before = (days: number) => new Date(this.clock.now() - days * DAY_MS);
    const result: Record<string, number> = {
      runsDeleted: await this.runs.deleteFinishedBefore(before(cfg.runsOlderThanDays)),
    };
    for (const target of this.targets) {
      result[`${target.field.replace(/OlderThanDays$/, '')}Deleted`] = await target.purgeBefore(
        before(cfg[target.field]),
      );
    }
    return result;
  }
}
