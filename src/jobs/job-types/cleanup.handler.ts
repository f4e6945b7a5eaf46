import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { RunsRepository } from '../runs.repository.js';
import type { JobHandler, JobRunContext } from './job-handler.js';
import { JobTypeRegistry } from './job-type.registry.js';

const DAY_MS = 86_400_000;
const FIELDS: Record<string, { max: number; fallback: number }> = {
  runsOlderThanDays: { max: 3650, fallback: 30 },
  barsOlderThanDays: { max: 36500, fallback: 365 },
  notificationsOlderThanDays: { max: 3650, fallback: 90 },
};

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
export class CleanupHandler implements JobHandler, OnModuleInit {
  readonly type = 'cleanup' as const;
  private readonly targets: RetentionTarget[] = [];

  constructor(private readonly registry: JobTypeRegistry, private readonly runs: RunsRepository, private readonly clock: Clock) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  addTarget(target: RetentionTarget): void {
    this.targets.push(target);
  }

  validate(section: unknown): string[] {
    if (section === undefined) return [];
    if (typeof section !== 'object' || section === null || Array.isArray(section)) return ['cleanup must be an object'];
    return Object.entries(section).flatMap(([key, value]) => {
      const field = FIELDS[key];
      if (!field) return [`cleanup.${key} is not a known field (${Object.keys(FIELDS).join(', ')})`];
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= field.max
        ? [] : [`cleanup.${key} must be an integer 1…${field.max}`];
    });
  }

  normalize(section: unknown): Record<string, unknown> {
    const given = (section ?? {}) as Record<string, number>;
    return Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, given[k] ?? f.fallback]));
  }

  async run(ctx: JobRunContext): Promise<Record<string, number>> {
    const cfg = this.normalize(ctx.job.config) as Record<string, number>;
    const before = (days: number) => new Date(this.clock.now() - days * DAY_MS);
    const result: Record<string, number> = { runsDeleted: await this.runs.deleteFinishedBefore(before(cfg.runsOlderThanDays)) };
    for (const target of this.targets) {
      result[`${target.field.replace(/OlderThanDays$/, '')}Deleted`] = await target.purgeBefore(before(cfg[target.field]));
    }
    return result;
  }
}
