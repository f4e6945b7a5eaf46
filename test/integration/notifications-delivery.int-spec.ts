import { POLL_MS } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { alertInput, barTimes, startNotifyHarness, type NotifyHarness } from './notifications.harness.js';

/**
 * One service for the file (booting one costs seconds); each test has its own job, so its own
 * notifications, and a fresh script at the fake endpoint.
 */
describe('notification delivery (whole service, real database, fake endpoint)', () => {
  let server: FakeNotifyServer;
  let h: NotifyHarness;
  let jobId: string;
  let seq = 0;
  const outbox = async (query = `&jobId=${jobId}`): Promise<any[]> =>
    (await h.api().get(`/notifications?limit=500${query}`).expect(200)).body.items;

  beforeAll(async () => {
    server = await FakeNotifyServer.start();
    h = await startNotifyHarness({ env: { NOTIFY_URL: server.url, NOTIFY_TIMEOUT: '1', NOTIFY_MAX_ATTEMPTS: '4' } });
  });
  beforeEach(async () => {
    server.requests.length = 0;
    server.setDefault({ status: 200, body: '{"ok":true}' });
    h.dispatcher.breaker.recordSuccess(); // each test starts with an endpoint that has not been failing
    jobId = await h.createJob(`btc-rsi-oversold-${++seq}`);
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('POSTs the exact §5 body with Idempotency-Key and Content-Type, and records it as sent', async () => {
    const input = alertInput(jobId, '2026-03-02T13:45:00.000Z');
    expect(await h.enqueue([input])).toEqual([`${jobId}:2026-03-02T13:45:00.000Z`]);
    await h.settle();
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    const [row] = await outbox();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/notify');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['idempotency-key']).toBe(`${jobId}:2026-03-02T13:45:00.000Z`);
    expect(req.json).toEqual({
      id: row.id,
      idempotencyKey: `${jobId}:2026-03-02T13:45:00.000Z`,
      type: 'alert.triggered',
      ...input,
    });
    expect(Object.keys(req.json)).toEqual([
      'id',
      'idempotencyKey',
      'type',
      'jobId',
      'jobName',
      'symbol',
      'timeframe',
      'provider',
      'bar',
      'values',
      'message',
      'channels',
      'recipient',
      'priority',
      'triggeredAt',
    ]);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      jobId,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      sentAt: h.clock.date().toISOString(),
    });
    expect(row.payload).toEqual(req.json);
  });

  it('keeps one notification per (job, bar) however often it is enqueued', async () => {
    const inputs = barTimes(3).map((t) => alertInput(jobId, t));
    expect(await h.enqueue([...inputs, inputs[0]])).toHaveLength(3);
    expect(await h.enqueue(inputs)).toEqual([]);
    expect(await h.dataSource.transaction((em) => h.repo.enqueue(em, inputs[1]))).toBe(false);
    await h.settle();
    expect(await h.enqueue([inputs[2]])).toEqual([]); // still, once it has been sent
    await h.settle();
    expect([...server.countsByKey().values()]).toEqual([1, 1, 1]);
    expect(await outbox()).toHaveLength(3);
  });

  it('retries a 500 with backoff from 1 s and delivers once, with the same key', async () => {
    server.reply({ status: 500, body: 'upstream down' }, { status: 503 });
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.settle();
    let [row] = await outbox();
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500: upstream down',
    });
    const wait = Date.parse(row.nextAttemptAt) - h.clock.now();
    expect(wait).toBeGreaterThanOrEqual(800);
    expect(wait).toBeLessThanOrEqual(1200);
    await h.advance(wait - 1);
    expect(server.requests).toHaveLength(1); // not before its time
    await h.advance(POLL_MS + 1); // due now; found by the next poll
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 503 });
    const second = Date.parse(row.nextAttemptAt) - h.clock.now();
    expect(second).toBeGreaterThanOrEqual(1600); // doubled
    expect(second).toBeLessThanOrEqual(2400);
    await h.advance(second + POLL_MS);
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key']))).toEqual(
      new Set([`${jobId}:2026-03-02T13:45:00.000Z`]),
    );
    expect(server.requests.map((r) => r.json.id)).toEqual([row.id, row.id, row.id]);
  });

  it('honors 429 Retry-After (seconds and HTTP date) when longer than the backoff', async () => {
    const at = new Date(h.clock.now() + 200_000).toUTCString();
    server.reply({ status: 429, headers: { 'Retry-After': '120' } }, { status: 429, headers: { 'Retry-After': at } });
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.settle();
    expect((await outbox())[0].nextAttemptAt).toBe(new Date(h.clock.now() + 120_000).toISOString());
    await h.advance(119_999);
    expect(server.requests).toHaveLength(1);
    await h.advance(POLL_MS + 1);
    expect(server.requests).toHaveLength(2);
    expect((await outbox())[0].nextAttemptAt).toBe(new Date(Date.parse(at)).toISOString());
    await h.advance(Date.parse(at) - h.clock.now() + POLL_MS);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('retries a request that times out', async () => {
    server.reply('hang');
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.settle(); // NOTIFY_TIMEOUT=1: one real second
    expect((await outbox())[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'timeout after 1 s',
      lastStatusCode: null,
    });
    await h.advance(1200 + POLL_MS);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on a 400, keeping the answer; POST /notifications/:id/retry delivers it', async () => {
    server.reply({ status: 400, body: '{"error":"chat not found"}' });
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.settle();
    const [dead] = await outbox(`&jobId=${jobId}&status=dead`);
    expect(dead).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastStatusCode: 400,
      lastError: 'HTTP 400: {"error":"chat not found"}',
      lastResponse: '{"error":"chat not found"}',
    });
    await h.advance(3_600_000);
    expect(server.requests).toHaveLength(1); // dead stays dead
    const retried = await h.api().post(`/notifications/${dead.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({
      id: dead.id,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(h.clock.now()).toISOString(),
    });
    await h.settle();
    expect(server.requests).toHaveLength(2);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 1 });
    const again = await h.api().post(`/notifications/${dead.id}/retry`).expect(409);
    expect(again.body.message).toEqual([`notification ${dead.id} is sent; only a dead notification can be retried`]);
    await h.api().post('/notifications/7d0c2f4e-0000-4000-8000-000000000000/retry').expect(404);
    expect((await h.api().post('/notifications/nope/retry').expect(400)).body.message[0]).toMatch(/not a UUID/);
  });

  it('is dead after NOTIFY_MAX_ATTEMPTS failed attempts', async () => {
    server.setDefault({ status: 502 });
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    for (let i = 0; i < 6; i++) await h.advance(10_000);
    expect(server.requests).toHaveLength(4);
    expect((await outbox())[0]).toMatchObject({
      status: 'dead',
      attempts: 4,
      lastError: 'HTTP 502 (gave up after 4 attempts)',
    });
  });

  it('lists newest first with filters and cursors, and rejects bad queries', async () => {
    const other = await h.createJob('eth');
    await h.enqueue(barTimes(3).map((t) => alertInput(jobId, t)));
    h.clock.advance(1000);
    await h.enqueue(barTimes(2).map((t) => alertInput(other, t)));
    await h.settle();
    const all = (await outbox('')).filter((n) => n.jobId === jobId || n.jobId === other);
    expect(all.map((n) => n.jobId)).toEqual([other, other, jobId, jobId, jobId]);
    expect(await outbox(`&jobId=${other}`)).toHaveLength(2);
    expect(await outbox(`&jobId=${other}&status=sent`)).toHaveLength(2);
    expect(await outbox(`&jobId=${other}&status=pending`)).toHaveLength(0);
    const page1 = await h.api().get(`/notifications?limit=2&jobId=${jobId}`).expect(200);
    const page2 = await h
      .api()
      .get(`/notifications?limit=2&jobId=${jobId}&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect([...page1.body.items, ...page2.body.items].map((n: any) => n.id)).toEqual(all.slice(2).map((n) => n.id));
    expect(page2.body.nextCursor).toBeNull();
    for (const q of ['status=lost', 'jobId=x', 'limit=501', 'limit=0', 'cursor=zzz', 'other=1'])
      await h.api().get(`/notifications?${q}`).expect(400);
    await h.anon().get('/notifications').expect(401);
  });

  it('still delivers what a deleted job triggered', async () => {
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.api().delete(`/jobs/${jobId}`).expect(204);
    await h.settle();
    const rows = (await outbox('')).filter((n) => n.payload.jobId === jobId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', jobId: null });
    expect(server.requests[0].json.jobId).toBe(jobId);
  });
});
