/** A job's own notification (CONTRACT §8): posted when a run fails or times out, or succeeds when asked. */
export interface JobNotificationPayload {
  id: string;
  /** `<jobId>:<scheduledFor ISO>:<type>`: one per (job, fire time, outcome), whatever retries or replicas do. */
  idempotencyKey: string;
  type: 'job.failed' | 'job.succeeded';
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
}

export interface JobNotificationInput {
  id: string;
  job: {
    id: string;
    name: string;
    type: string;
    notify: { channels: string[]; recipient: string | null; priority: string };
  };
  runId: string;
  scheduledFor: Date;
  status: string;
  attempt: number;
  error: string | null;
  result: unknown;
  finishedAt: Date;
}

/** The result as it travels: bounded, so a data job's long item list cannot bloat the outbox row. */
const MAX_RESULT_CHARS = 8_192;

export function jobNotificationPayload(input: JobNotificationInput): JobNotificationPayload {
  const type = input.status === 'succeeded' ? 'job.succeeded' : 'job.failed';
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
    message:
      type === 'job.succeeded'
        ? `job ${input.job.name} succeeded (run for ${scheduledFor})`
        : `job ${input.job.name} ${input.status === 'timedOut' ? 'timed out' : 'failed'} after ${input.attempt} attempt(s) (run for ${scheduledFor}): ${input.error ?? 'no error text'}`,
    channels: input.job.notify.channels,
    recipient: input.job.notify.recipient,
    priority: input.job.notify.priority,
    finishedAt: input.finishedAt.toISOString(),
  };
}
