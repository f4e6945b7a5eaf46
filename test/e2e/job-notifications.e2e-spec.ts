import { ManualClock } from '../../src/base/time/clock.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { triggerAndWait } from '../support/run-waiter.js';
import { deliverOutbox } from '../support/notify-delivery.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');

describe('job notifications (notify.onFailure / onSuccess, CONTRACT §8) through the outbox', () => {
  const clock = new ManualClock(T0);
  let notify: FakeNotifyServer;
  let platform: FakeNotifyServer;
  let h: SchedulerHarness;

  const delivered = () => deliverOutbox(h);

  beforeAll(async () => {
    notify = await FakeNotifyServer.start();
    platform = await FakeNotifyServer.start('/');
    h = await startSchedulerHarness({
      clock,
      env: { NOTIFY_URL: notify.url, HTTP_JOB_ALLOWED_HOSTS: '127.0.0.1' },
    });
  }, 180_000);
  afterAll(async () => {
    await h.close();
    await Promise.all([notify.close(), platform.close()]);
  });

  it("a failing job's notification reaches the notify endpoint exactly once, after its retries", async () => {
    platform.setDefault({ status: 500, body: 'boom' });
    const created = await h
      .api()
      .post('/jobs')
      .send({
        name: 'sync_user_balances',
        type: 'http',
        schedule: { every: 3600 },
        retry: { maxAttempts: 3, backoffSeconds: 0 },
        http: { url: `${platform.url}balances/sync` },
        notify: { onFailure: true, channels: ['telegram'], recipient: 'ops-chat', priority: 'high' },
      })
      .expect(201);
    expect(created.body.notify).toEqual({
      onFailure: true,
      onSuccess: false,
      channels: ['telegram'],
      recipient: 'ops-chat',
      priority: 'high',
    });
    const id = created.body.id as string;
    const run = await triggerAndWait(h, id);
    expect(run).toMatchObject({ status: 'failed', attempt: 3 });
    await delivered();
    const key = `${id}:${run.scheduledFor}:job.failed`;
    expect(notify.countsByKey().get(key)).toBe(1);
    expect(notify.requests).toHaveLength(1);
    const req = notify.requests[0];
    expect(req.headers['idempotency-key']).toBe(key);
    expect(req.json).toMatchObject({
      idempotencyKey: key,
      type: 'job.failed',
      jobId: id,
      jobName: 'sync_user_balances',
      jobType: 'http',
      runId: run.id,
      status: 'failed',
      attempt: 3,
      error: 'HTTP 500 is outside expectStatus [200, 299]: boom',
      result: null,
      channels: ['telegram'],
      recipient: 'ops-chat',
      priority: 'high',
    });
    const outbox = await h.api().get(`/notifications?jobId=${id}`).expect(200);
    expect(outbox.body.items.map((n: { status: string }) => n.status)).toEqual(['sent']);
  });

  it('notifies success only when asked, and never for a job without notify', async () => {
    platform.setDefault({ status: 200, body: '{"ok":true}' });
    const before = notify.requests.length;
    const quiet = await h
      .api()
      .post('/jobs')
      .send({ name: 'quiet', type: 'http', schedule: { every: 3600 }, http: { url: `${platform.url}x` } })
      .expect(201);
    await triggerAndWait(h, quiet.body.id);
    const loud = await h
      .api()
      .post('/jobs')
      .send({
        name: 'cleanup_old_data',
        type: 'cleanup',
        schedule: { every: 86400 },
        cleanup: { runsOlderThanDays: 30 },
        notify: { onSuccess: true, onFailure: false, channels: ['email'] },
      })
      .expect(201);
    const run = await triggerAndWait(h, loud.body.id);
    expect(run.status).toBe('succeeded');
    await delivered();
    expect(notify.requests.slice(before).map((r) => r.json.idempotencyKey)).toEqual([
      `${loud.body.id}:${run.scheduledFor}:job.succeeded`,
    ]);
    expect(notify.requests.at(-1)!.json).toMatchObject({
      type: 'job.succeeded',
      result: run.result,
      priority: 'normal',
    });
  });

  it('pauseOnFailures: the pause is notified exactly once (job.paused, after the failures), with notify.onFailure', async () => {
    platform.setDefault({ status: 500, body: 'down' });
    const created = await h
      .api()
      .post('/jobs')
      .send({
        name: 'fragile_sync',
        type: 'http',
        schedule: { every: 3600 },
        pauseOnFailures: 2,
        retry: { maxAttempts: 1, backoffSeconds: 0 },
        http: { url: `${platform.url}fragile` },
        notify: { onFailure: true, channels: ['telegram'], recipient: 'ops-chat' },
      })
      .expect(201);
    const id = created.body.id as string;
    const before = notify.requests.length;
    await triggerAndWait(h, id);
    clock.advance(1_000);
    const second = await triggerAndWait(h, id);
    await delivered();
    const mine = notify.requests.slice(before).filter((r) => r.json.jobId === id);
    expect(mine.map((r) => r.json.type)).toEqual(['job.failed', 'job.failed', 'job.paused']);
    const paused = mine[2].json;
    expect(paused).toMatchObject({
      idempotencyKey: `${id}:${second.scheduledFor}:job.paused`,
      jobName: 'fragile_sync',
      runId: second.id,
      status: 'failed',
      reason: 'failures',
      recipient: 'ops-chat',
      note: `failures: the last 2 runs failed; resume with POST /jobs/${id}/resume`,
    });
    expect(paused.message).toBe(`job fragile_sync paused: ${paused.note}`);
    const job = (await h.api().get(`/jobs/${id}`).expect(200)).body;
    expect(job.enabled).toBe(false);
    expect(job.pause).toMatchObject({ reason: 'failures', note: paused.note });
    expect(notify.countsByKey().get(paused.idempotencyKey)).toBe(1);

    // A third failure (run by hand while paused) notifies its failure, never a second pause.
    clock.advance(1_000);
    await triggerAndWait(h, id);
    await delivered();
    const types = notify.requests
      .slice(before)
      .filter((r) => r.json.jobId === id)
      .map((r) => r.json.type);
    expect(types.filter((t) => t === 'job.paused')).toHaveLength(1);
  });

  it('refuses a bad notify block with the field named', async () => {
    const res = await h
      .api()
      .post('/jobs')
      .send({
        name: 'bad',
        type: 'cleanup',
        schedule: { every: 60 },
        notify: { onFailure: 'yes', priority: 'urgent', extra: 1 },
      });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^notify\.onFailure/),
        expect.stringMatching(/^notify\.priority/),
        expect.stringMatching(/notify\.extra/),
      ]),
    );
  });
});
