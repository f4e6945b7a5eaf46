import { createHmac } from 'node:crypto';
import { ManualClock } from '../../src/base/time/clock.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { triggerAndWait } from '../support/run-waiter.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const TOKEN = 'platform-token-s3cr3t-77';
const SIGNING = 'signing-secret-abc-123';

describe('http jobs against a loopback platform (CONTRACT §8)', () => {
  const clock = new ManualClock(T0);
  let platform: FakeNotifyServer;
  let h: SchedulerHarness;
  let port: string;

  const job = (name: string, http: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    name,
    type: 'http',
    schedule: { every: 60 },
    retry: { maxAttempts: 1, backoffSeconds: 1 },
    http,
    ...extra,
  });
  const create = async (body: Record<string, unknown>) => {
    const res = await h.api().post('/jobs').send(body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    process.env.MS_TEST_PLATFORM_TOKEN = TOKEN;
    process.env.MS_TEST_SIGNING = SIGNING;
    platform = await FakeNotifyServer.start('/');
    port = new URL(platform.url).port;
    h = await startSchedulerHarness({ clock, env: { HTTP_JOB_ALLOWED_HOSTS: '127.0.0.1, *.internal' } });
  }, 180_000);
  afterAll(async () => {
    await h.close();
    await platform.close();
    delete process.env.MS_TEST_PLATFORM_TOKEN;
    delete process.env.MS_TEST_SIGNING;
  });

  it('calls the platform with rendered templates, the secret, the idempotency key and a signature; never shows the secret', async () => {
    // The platform echoes the Authorization header back: the stored result must not carry it.
    platform.reply({ status: 200, body: `{"ok":true,"echo":"Bearer ${TOKEN}"}` });
    const id = await create(
      job('execute_single_strategy', {
        method: 'POST',
        url: `http://127.0.0.1:${port}/strategies/{{jobName}}/run?at={{scheduledFor}}`,
        headers: { Authorization: 'Bearer ${env:MS_TEST_PLATFORM_TOKEN}' },
        body: { strategy: 42 },
        sign: '${env:MS_TEST_SIGNING}',
      }),
    );
    const run = await triggerAndWait(h, id);
    expect(run.status).toBe('succeeded');
    const req = platform.requests.at(-1)!;
    expect(req.path).toBe(`/strategies/execute_single_strategy/run?at=${run.scheduledFor}`);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['idempotency-key']).toBe(`${id}:${run.scheduledFor}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.body).toBe('{"strategy":42}');
    const ts = req.headers['x-timestamp'] as string;
    expect(ts).toBe(String(Math.floor(T0 / 1000)));
    expect(req.headers['x-signature-256']).toBe(
      `sha256=${createHmac('sha256', SIGNING).update(`${ts}.${req.body}`).digest('hex')}`,
    );
    expect(run.result).toEqual({ status: 200, ms: expect.any(Number), body: '{"ok":true,"echo":"Bearer ***"}' });
    const shown = JSON.stringify([
      (await h.api().get(`/jobs/${id}`)).body,
      (await h.api().get(`/jobs/${id}/runs`)).body,
      (await h.api().get('/scheduler/config')).body,
    ]);
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain(SIGNING);
    expect(shown).toContain('${env:MS_TEST_PLATFORM_TOKEN}');
  });

  it('keeps only the first 4 KB of the answer', async () => {
    platform.reply({ status: 200, body: 'x'.repeat(10_000) });
    const id = await create(job('big', { method: 'GET', url: `http://127.0.0.1:${port}/big` }));
    const run = await triggerAndWait(h, id);
    expect(run.result.body).toHaveLength(4096);
  });

  it('refuses at create time a host outside HTTP_JOB_ALLOWED_HOSTS, a missing variable, a template host', async () => {
    const res = await h
      .api()
      .post('/jobs')
      .send(
        job('refused', {
          url: 'https://evil.example.com/x',
          headers: { 'X-Key': '${env:MS_TEST_NOT_SET_ANYWHERE}' },
          sign: 'plain-secret',
        }),
      );
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      'http.url: host evil.example.com is not in HTTP_JOB_ALLOWED_HOSTS',
      'http.headers.X-Key: environment variable MS_TEST_NOT_SET_ANYWHERE is not set',
      'http.sign must be an environment reference "${env:NAME}" (the secret is never stored)',
    ]);
    const tpl = await h
      .api()
      .post('/jobs')
      .send(job('tpl', { url: 'http://{{jobName}}.internal/x' }));
    expect(tpl.body.message).toEqual(['http.url: the host cannot be a template']);
    await h
      .api()
      .post('/jobs')
      .send(job('wild', { url: 'http://platform.internal/x' }))
      .expect(201);
  });

  it('fails a run whose variable disappeared, saying which', async () => {
    process.env.MS_TEST_LATER = 'v';
    const id = await create(
      job('later', { url: `http://127.0.0.1:${port}/x`, headers: { 'X-A': '${env:MS_TEST_LATER}' } }),
    );
    delete process.env.MS_TEST_LATER;
    const run = await triggerAndWait(h, id);
    expect(run).toMatchObject({
      status: 'failed',
      error: 'http.headers.X-A: environment variable MS_TEST_LATER is not set',
    });
  });

  it('fails on a status outside expectStatus, retrying by the job policy', async () => {
    platform.reply({ status: 503, body: 'down' }, { status: 503, body: 'down' });
    const id = await create(
      job(
        'flaky',
        { url: `http://127.0.0.1:${port}/x`, expectStatus: [200, 204] },
        { retry: { maxAttempts: 2, backoffSeconds: 0 } },
      ),
    );
    const run = await triggerAndWait(h, id);
    expect(run).toMatchObject({
      status: 'failed',
      attempt: 2,
      error: 'HTTP 503 is outside expectStatus [200, 204]: down',
    });
  });

  it('does not follow a redirect to another host, follows one within the host', async () => {
    const other = `http://localhost:${port}/elsewhere`;
    platform.reply({ status: 302, headers: { Location: other } });
    const id = await create(job('redir', { url: `http://127.0.0.1:${port}/x` }));
    const before = platform.requests.length;
    const run = await triggerAndWait(h, id);
    expect(run).toMatchObject({
      status: 'failed',
      error: 'HTTP 302 redirect to another host (localhost) not followed',
    });
    expect(platform.requests.length - before).toBe(1);
    platform.reply({ status: 301, headers: { Location: '/moved' } }, { status: 200, body: 'here' });
    const same = await triggerAndWait(h, id);
    expect(same).toMatchObject({ status: 'succeeded', result: { status: 200, body: 'here' } });
    expect(platform.requests.at(-1)!.path).toBe('/moved');
  });

  it('times out a slow answer within the job timeout', async () => {
    platform.reply({ status: 200, body: 'late', delayMs: 4000 });
    const id = await create(job('slow', { url: `http://127.0.0.1:${port}/slow` }, { timeoutSeconds: 1 }));
    const started = Date.now();
    const run = await triggerAndWait(h, id);
    expect(run).toMatchObject({ status: 'failed', error: `no answer within 1 s from 127.0.0.1:${port}` });
    expect(Date.now() - started).toBeLessThan(3900);
  });
});
