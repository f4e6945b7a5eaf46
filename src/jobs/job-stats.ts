import type { JobCountRow } from './jobs.repository.js';

/** Counts of one job type: how many, how many enabled (the rest are paused or finished), and by state. */
export interface JobTypeCounts {
  total: number;
  enabled: number;
  disabled: number;
  /** By the status of the job's current state (`armed`, `triggered`, …); types without state have none. */
  states: Record<string, number>;
}

/** `GET /jobs/stats`: every job counted once, by type and by state. */
export interface JobStats {
  total: number;
  enabled: number;
  byType: Record<string, JobTypeCounts>;
}

/** Folds the grouped counts of the repository into the answer of `GET /jobs/stats`. */
export function jobStats(rows: readonly JobCountRow[]): JobStats {
  const stats: JobStats = { total: 0, enabled: 0, byType: {} };
  for (const row of rows) {
    const t = (stats.byType[row.type] ??= { total: 0, enabled: 0, disabled: 0, states: {} });
    t.total += row.count;
    stats.total += row.count;
    if (row.enabled) {
      t.enabled += row.count;
      stats.enabled += row.count;
    } else t.disabled += row.count;
    if (row.state !== null) t.states[row.state] = (t.states[row.state] ?? 0) + row.count;
  }
  return stats;
}
