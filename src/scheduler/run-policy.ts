import type { BackoffPolicy } from '../base/resilience/backoff.js';
import { backoffDelay } from '../base/resilience/backoff.js';
import type { JobEntity } from '../jobs/job.entity.js';
import type { MetricsService } from '../metrics/metrics.service.js';

/**
 * The run executor's policy: leases, batch size, retry backoff, how a lost connection is ridden
 * out, and the claim counting for metrics. Pure; run-executor.ts applies it.
 */

/** A run's lease; a live replica renews it every HEARTBEAT_MS, so a dead one's runs are found within ~30 s. */
export const LEASE_MS = 30_000;
export const HEARTBEAT_MS = 10_000;

/** Claims of a batching job type are taken this many at a time, and run as one unit. */
export const BATCH_MAX = 1000;

/** A fire time's identity: `(job, scheduledFor)`, the claim's unique key. */
export const fireKey = (jobId: string, scheduledFor: Date) => `${jobId}@${scheduledFor.getTime()}`;

export type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };

export class RunTimeout extends Error {
  constructor(seconds: number) {
    super(`timed out after ${seconds} s`);
  }
}

/** A job's retry backoff stops growing at 5 minutes, as a notification's does (CONTRACT §5). */
export const RETRY_BACKOFF_CAP_MS = 300_000;
/** ±20 % around each retry's delay, as for notifications. */
export const RETRY_JITTER = 0.2;
/**
 * An attempt that failed because the database connection was lost (a restart, a killed backend)
 * is repeated even past the job's maxAttempts, this many times: the job did not fail, the store did.
 */
export const CONNECTION_RETRIES = 5;
/** Repeating an attempt lost to a dropped connection waits at least this (the database is restarting). */
export const RECONNECT_POLICY: BackoffPolicy = { baseMs: 1000, maxMs: 15_000, factor: 2, jitter: 0.2 };
/** How long a run's outcome is re-tried against a database that dropped the connection (then its lease recovers it). */
export const RECORD_RETRY_MS = 120_000;
/** After the grace period, how long aborted runs get to record their outcome before the pool closes. */
export const ABORT_SETTLE_MS = 5_000;

/**
 * The wait after failed attempt `attempt`: the one backoff policy from the job's backoffSeconds,
 * doubling, its growth capped at RETRY_BACKOFF_CAP_MS (or the job's own base if that is longer),
 * ±RETRY_JITTER so the retries of jobs that failed together (a vendor outage) do not come in step.
 */
export function retryDelayMs(job: JobEntity, attempt: number, random: number): number {
  const baseMs = job.retry.backoffSeconds * 1000;
  const policy = { baseMs, maxMs: Math.max(baseMs, RETRY_BACKOFF_CAP_MS), factor: 2, jitter: RETRY_JITTER };
  return backoffDelay(attempt, policy, random);
}

/**
 * A claim's fire times by (type, fired | skipped) for the job counters metric: counted in a map and
 * added once per pair, not one labelled increment per run (a bar close claims 100,000).
 */
export class ClaimCounts {
  private readonly counts = new Map<string, number>();

  add(type: string | undefined, status: string): void {
    const key = `${type ?? 'unknown'}|${status === 'skipped' ? 'skipped' : 'fired'}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  record(metrics: MetricsService): void {
    for (const [key, n] of this.counts) {
      const [type, counter] = key.split('|');
      metrics.jobCounters.inc({ type, counter }, n);
    }
  }
}
