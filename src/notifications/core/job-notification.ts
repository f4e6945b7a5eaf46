/**
 * A job's own notification (CONTRACT §8): posted when a run fails or times out, or succeeds when
 * asked; `job.paused` when `pauseOnFailures` paused the job after that run (with `notify.onFailure`).
 */
export interface JobNotificationPayload {
  id: string;
  /** `<jobId>:<scheduledFor ISO>:<type>`: one per (job, fire time, outcome), whatever retries or replicas do. */
  idempotencyKey: string;
  type: 'job.failed' | 'job.succeeded' | 'job.paused';
  jobId: string;
  jobName: string;
  jobType: string;
  runId: string;
  scheduledFor: string;
  status: string;
  attempt: number;
  error: string | null;
  result: unknown;
  message: string;
  channels: string[];
  recipient: string | null;
  priority: string;
  finishedAt: string;
  /** `job.paused`: why (`failures`) and the pause note. */
  reason?: 'failures';
  note?: string;
}

export interface JobNotificationInput {
  id: string;
  job: {
    id: string;
    name: string;
    type: string;
    notify: { channels: string[]; recipient: string | null; priority: string };
    /** The type's own section: an alert's `notify.recipient` is the default recipient. */
    config?: Record<string, unknown>;
  };
  runId: string;
  scheduledFor: Date;
  status: string;
  attempt: number;
  error: string | null;
  result: unknown;
  finishedAt: Date;
  /** Set when `pauseOnFailures` paused the job after this run: the notification is `job.paused`. */
  pausedNote?: string;
}

/** The result as it travels: bounded, so a data job's long item list cannot bloat the outbox row. */
const MAX_RESULT_CHARS = 8_192;

/**
 * Whom a job's notification is for: `notify.recipient`, else the recipient its own section names
 * (an alert's `notify.recipient`), else none. It is the payload's `recipient` and the outbox's
 * pacing lane (NOTIFY_RATE_PER_RECIPIENT, a 429's Retry-After), as for alerts.
 */
export function jobRecipient(job: JobNotificationInput['job']): string | null {
  if (job.notify.recipient) return job.notify.recipient;
  const own = (job.config?.notify as { recipient?: unknown } | undefined)?.recipient;
  return typeof own === 'string' && own !== '' ? own : null;
}

export function jobNotificationPayload(input: JobNotificationInput): JobNotificationPayload {
  const type =
    input.pausedNote !== undefined ? 'job.paused' : input.status === 'succeeded' ? 'job.succeeded' : 'job.failed';
  const scheduledFor = input.scheduledFor.toISOString();
  const resultText = input.result === undefined ? 'null' : JSON.stringify(input.result);
  return {
    id: input.id,
    idempotencyKey: `${input.job.id}:${scheduledFor}:${type}`,
    type,
    jobId: input.job.id,
    jobName: input.job.name,
    jobType: input.job.type,
    runId: input.runId,
    scheduledFor,
    status: input.status,
    attempt: input.attempt,
    error: input.error,
    result:
      resultText.length <= MAX_RESULT_CHARS
        ? (input.result ?? null)
        : { truncated: resultText.slice(0, MAX_RESULT_CHARS) },
    message: messageOf(type, input, scheduledFor),
    channels: input.job.notify.channels,
    recipient: jobRecipient(input.job),
    priority: input.job.notify.priority,
    finishedAt: input.finishedAt.toISOString(),
    ...(type === 'job.paused' ? { reason: 'failures' as const, note: input.pausedNote } : {}),
  };
}

function messageOf(type: JobNotificationPayload['type'], input: JobNotificationInput, scheduledFor: string): string {
  if (type === 'job.succeeded') return `job ${input.job.name} succeeded (run for ${scheduledFor})`;
  if (type === 'job.paused') return `job ${input.job.name} paused: ${input.pausedNote}`;
  return `job ${input.job.name} ${input.status === 'timedOut' ? 'timed out' : 'failed'} after ${input.attempt} attempt(s) (run for ${scheduledFor}): ${input.error ?? 'no error text'}`;
}
