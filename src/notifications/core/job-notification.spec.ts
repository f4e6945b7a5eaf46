import { jobNotificationPayload, jobRecipient, type JobNotificationInput } from './job-notification.js';

const JOB = '6f1c1f3e-3c2a-4d6b-9a1e-2f5d8c7b9a10';
const input = (job: Partial<JobNotificationInput['job']> = {}, extra: Partial<JobNotificationInput> = {}) => ({
  id: 'n-1',
  job: {
    id: JOB,
    name: 'sync',
    type: 'http',
    notify: { channels: ['email'], recipient: null, priority: 'normal' },
    ...job,
  },
  runId: 'r-1',
  scheduledFor: new Date('2026-03-02T14:00:00.000Z'),
  status: 'failed',
  attempt: 3,
  error: 'HTTP 500',
  result: null,
  finishedAt: new Date('2026-03-02T14:00:05.000Z'),
  ...extra,
});

describe('job notifications', () => {
  it('go to notify.recipient, else the recipient of the job’s own section (an alert’s), else none', () => {
    const notify = { channels: ['email'], recipient: 'ops-chat', priority: 'normal' };
    const alert = { notify: { channels: ['telegram'], recipient: 'alert-chat' } };
    expect(jobRecipient(input({ notify, config: alert }).job)).toBe('ops-chat');
    expect(jobRecipient(input({ config: alert }).job)).toBe('alert-chat');
    expect(jobRecipient(input({ config: { notify: { recipient: 7 } } }).job)).toBeNull();
    expect(jobRecipient(input({ config: { cleanup: {} } }).job)).toBeNull();
    expect(jobNotificationPayload(input({ config: alert })).recipient).toBe('alert-chat');
  });

  it('say job.paused, with the note and reason, when pauseOnFailures paused the job after the run', () => {
    const note = `failures: the last 3 runs failed; resume with POST /jobs/${JOB}/resume`;
    expect(jobNotificationPayload(input({}, { pausedNote: note }))).toMatchObject({
      idempotencyKey: `${JOB}:2026-03-02T14:00:00.000Z:job.paused`,
      type: 'job.paused',
      status: 'failed',
      reason: 'failures',
      note,
      message: `job sync paused: ${note}`,
    });
    const failed = jobNotificationPayload(input());
    expect(failed.type).toBe('job.failed');
    expect('reason' in failed).toBe(false);
  });
});
