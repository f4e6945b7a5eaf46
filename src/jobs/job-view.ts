import type { JobEntity } from './job.entity.js';
import type { JobRunEntity } from './job-run.entity.js';
import type { StoredJobState } from './job-states.repository.js';

/** The JSON of a job in the API: CONTRACT §3's body plus id, status, state and times. */
export function jobView(job: JobEntity, nextRunAt: number | null, state: Record<string, unknown> | null = job.state) {
  return {
    id: job.id,
    name: job.name,
    type: job.type,
    enabled: job.enabled,
    status: job.status,
    schedule: job.schedule,
    [job.type]: job.config,
    retry: job.retry,
    timeoutSeconds: job.timeoutSeconds,
    misfire: job.misfire,
    overlap: job.overlap,
    ...(job.notify ? { notify: job.notify } : {}),
    pauseOnFailures: job.pauseOnFailures ?? null,
    pause: pauseView(job),
    state,
    source: job.source,
    version: job.version,
    nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

/** The body a job was created from (for PATCH merges and ALERTS_DIR comparisons). */
export function jobBody(job: JobEntity): Record<string, unknown> {
  return {
    name: job.name,
    type: job.type,
    enabled: job.enabled,
    schedule: job.schedule,
    [job.type]: job.config,
    retry: job.retry,
    timeoutSeconds: job.timeoutSeconds,
    misfire: job.misfire,
    overlap: job.overlap,
    ...(job.notify ? { notify: job.notify } : {}),
    ...(job.pauseOnFailures != null ? { pauseOnFailures: job.pauseOnFailures } : {}),
  };
}

/** Why a disabled job is paused, with the note and since when; null while it runs (or was never paused this way). */
function pauseView(job: JobEntity): { reason: string; note: string | null; at: string | null } | null {
  if (job.enabled || !job.pauseReason) return null;
  return { reason: job.pauseReason, note: job.pauseNote ?? null, at: job.pausedAt ? job.pausedAt.toISOString() : null };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function runView(run: JobRunEntity) {
  return {
    id: run.id,
    jobId: run.jobId,
    scheduledFor: iso(run.scheduledFor),
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    instanceId: run.instanceId,
    result: run.result ?? null,
    error: run.error,
  };
}

/**
 * A job's current state as the API shows it: what its runs last wrote, else what it was created or
 * edited with; plus the revision, and the cursor under the name its type gives it.
 */
export function currentState(
  initial: Record<string, unknown> | null,
  stored: StoredJobState | undefined,
  cursorField?: string,
): Record<string, unknown> | null {
  if (!stored) return initial;
  const state: Record<string, unknown> = { ...(stored.state ?? initial ?? {}), rev: stored.rev };
  if (cursorField && stored.cursor !== null) state[cursorField] = stored.cursor;
  return state;
}

/** A job as `GET /jobs/:id` answers it (the dashboard is typed against this). */
export type JobView = ReturnType<typeof jobView>;
/** A run as `GET /jobs/:id/runs` answers it. */
export type RunView = ReturnType<typeof runView>;
