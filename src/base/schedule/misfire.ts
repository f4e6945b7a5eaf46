/**
 * What to run for fire times missed while no replica was running (CONTRACT §3 `misfire`).
 *
 * "Within grace": a missed nominal time t is still runnable at nowMs when
 * nowMs − t ≤ graceSeconds × 1000 — a time exactly graceSeconds old still runs, one a millisecond
 * older does not. Times after nowMs are not missed and are ignored (they will fire normally).
 * - skip: nothing.
 * - runOnce: one catch-up run, under the latest missed time, if that time is within grace; the
 *   earlier ones are coalesced into it (an older time out of grace never runs alone).
 * - backfill: every missed time within grace, oldest first.
 */
export type MisfirePolicy = 'skip' | 'runOnce' | 'backfill';

export interface MisfireConfig {
  policy: MisfirePolicy;
  graceSeconds: number;
}

export function planMisfire(config: MisfireConfig, missed: readonly number[], nowMs: number): number[] {
  if (config.policy === 'skip') return [];
  const oldest = nowMs - config.graceSeconds * 1000;
  // Sorted and de-duplicated defensively: the run identity is (job, scheduledFor).
  const inGrace = [...new Set(missed)].filter((t) => t >= oldest && t <= nowMs).sort((a, b) => a - b);
  if (config.policy === 'runOnce') return inGrace.length > 0 ? [inGrace[inGrace.length - 1]] : [];
  return inGrace;
}
