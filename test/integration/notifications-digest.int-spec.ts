import { SERVER_URL } from '../support/database.js';
import { DigestsRepository } from '../../src/notifications/digests.repository.js';
import { FakeNotifyServer, type RecordedRequest } from '../fakes/notify-server.js';
import { verifySignature } from '../fakes/verify-signature.js';
import { alertInput, barTimes, startNotifyHarness, type NotifyHarness } from './notifications.harness.js';

const SECRET = 'digest-signing-secret-of-some-length';
const digests = (server: FakeNotifyServer) => server.requests.filter((r) => r.json?.type === 'alert.digest');
const itemKeys = (req: RecordedRequest) =>
  (req.json.items as Array<{ idempotencyKey: string }>).map((i) => i.idempotencyKey);

/**
 * `notify.digestSeconds` (CONTRACT §8): one recipient's waiting alert notifications folded into one
 * `alert.digest` POST, against a loopback endpoint, on a ManualClock.
 */
describe('digests (whole service, real database, loopback endpoint)', () => {
  let server: FakeNotifyServer;
  const started: Array<{ h: NotifyHarness; keepDatabase: boolean }> = [];
  const start = async (env: Record<string, string> = {}, shared?: NotifyHarness) => {
    const h = await startNotifyHarness({
      env: { NOTIFY_URL: server.url, NOTIFY_TIMEOUT: '2', ...env },
      ...(shared ? { clock: shared.clock, db: shared.db } : {}),
    });
    started.push({ h, keepDatabase: shared !== undefined });
    return h;
  };
  /** Notifications of `jobId` for `recipient` on consecutive bars, written `stepMs` apart. */
  const enqueue = async (h: NotifyHarness, jobId: string, recipient: string, n: number, from = 0, stepMs = 1) => {
    const keys: string[] = [];
    for (const t of barTimes(from + n).slice(from)) {
      keys.push(...(await h.enqueue([alertInput(jobId, t, { recipient, digestSeconds: 60 })])));
      h.clock.advance(stepMs);
    }
    return keys;
  };
  const outbox = async (h: NotifyHarness) => (await h.api().get('/notifications?limit=500').expect(200)).body.items;

  beforeEach(async () => {
    server = await FakeNotifyServer.start();
  });
  afterEach(async () => {
    for (const { h, keepDatabase } of started.splice(0).reverse()) await h.close({ keepDatabase });
    await server.close();
  });

  it('waits at most digestSeconds after the first waiting one, then posts ONE alert.digest listing each with its key', async () => {
    const h = await start();
    const job = await h.createJob('digested');
    const other = await h.createJob('immediate');
    const keys = await enqueue(h, job, 'chat-42', 3, 0, 10_000); // written at +0 s, +10 s, +20 s
    const [immediate] = await h.enqueue([alertInput(other, barTimes(1)[0], { recipient: 'chat-42' })]);
    await h.settle();
    expect(server.requests.map((r) => r.json.idempotencyKey)).toEqual([immediate]); // no digest: not folded
    await h.advance(29_000); // 59 s after the first
    expect(digests(server)).toHaveLength(0);
    await h.advance(1_000); // 60 s after the first: due, and the later two go with it
    expect(digests(server)).toHaveLength(1);
    const [digest] = digests(server);
    expect(itemKeys(digest)).toEqual(keys);
    expect(digest.json).toMatchObject({
      type: 'alert.digest',
      recipient: 'chat-42',
      count: 3,
      channels: ['telegram'],
      priority: 'high',
    });
    expect(digest.json.idempotencyKey).toMatch(/^alert\.digest:[0-9a-f]{64}$/);
    expect(digest.headers['idempotency-key']).toBe(digest.json.idempotencyKey);
    expect(digest.json.items[0]).toMatchObject({
      jobId: job,
      jobName: 'btc-rsi-oversold',
      symbol: 'BTCUSDT',
      timeframe: '15m',
      barTime: barTimes(1)[0],
      message: 'BTCUSDT 15m: RSI 28.7 crossed below 30 at 27123.5',
    });
    expect(digest.json.message.split('\n')).toHaveLength(4);

    const rows = await outbox(h);
    const items = rows.filter((r: { idempotencyKey: string }) => keys.includes(r.idempotencyKey));
    const digestRow = rows.find((r: { idempotencyKey: string }) => r.idempotencyKey === digest.json.idempotencyKey);
    expect(digestRow).toMatchObject({ status: 'sent', attempts: 1, jobId: null, digestId: null });
    expect(items.map((r: { status: string; digestId: string }) => [r.status, r.digestId])).toEqual(
      keys.map(() => ['sent', digestRow.id]),
    );
    const job1 = (await h.api().get(`/jobs/${job}`).expect(200)).body;
    expect(job1.counters).toMatchObject({ notified: 3, delivered: 3 }); // the items count, not the digest

    // A later one starts a new wait, and goes in a digest of its own.
    const later = await enqueue(h, job, 'chat-42', 1, 3);
    await h.advance(59_000);
    expect(digests(server)).toHaveLength(1);
    await h.advance(1_000);
    expect(digests(server).map(itemKeys)).toEqual([keys, later]);
    await h.advance(120_000);
    expect(server.countsByKey().get(digest.json.idempotencyKey)).toBe(1); // nothing twice
  }, 120_000);

  it('a retried digest is the same bytes, key and signature; its outcome is its items’ (retry, dead, retried by hand)', async () => {
    const h = await start({ NOTIFY_SIGNING_SECRET: SECRET, NOTIFY_MAX_ATTEMPTS: '2' });
    const job = await h.createJob('retried');
    const keys = await enqueue(h, job, 'chat-r', 2);
    server.reply({ status: 503, body: 'busy' });
    await h.advance(60_000);
    expect(digests(server)).toHaveLength(1);
    let rows = await outbox(h);
    expect(rows.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
      ['pending', 1],
    ]); // the digest and its two items share the retry
    expect(rows.every((r: { lastError: string }) => r.lastError === 'HTTP 503: busy')).toBe(true);
    server.reply({ status: 400, body: 'bad chat' });
    await h.advance(5_000);
    const [first, second] = digests(server);
    expect(second.body).toBe(first.body);
    for (const header of ['idempotency-key', 'x-timestamp', 'x-signature-256'])
      expect(second.headers[header]).toBe(first.headers[header]);
    for (const req of [first, second]) expect(verifySignature(SECRET, req.headers, req.body)).toBe(true);
    rows = await outbox(h);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['dead', 'dead', 'dead']);

    // Retrying one item by hand sends its digest again, byte for byte (a receiver dedupes it by key).
    const item = rows.find((r: { idempotencyKey: string }) => r.idempotencyKey === keys[1]);
    await h.api().post(`/notifications/${item.id}/retry`).expect(200);
    await h.advance(1_000);
    const all = digests(server);
    expect(all).toHaveLength(3);
    expect(all[2].body).toBe(first.body);
    expect(all[2].headers['x-signature-256']).toBe(first.headers['x-signature-256']);
    rows = await outbox(h);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent', 'sent']);
  }, 120_000);

  it('is one delivery for pacing, and a 429 for its recipient holds it without slowing another', async () => {
    const h = await start({ NOTIFY_RATE_PER_RECIPIENT: '1' });
    const a = await h.createJob('paced-digest-a');
    const b = await h.createJob('paced-digest-b');
    const aKeys = await enqueue(h, a, 'chat-a', 5);
    const bKeys = await enqueue(h, b, 'chat-b', 2);
    server.replyFor('chat-a', { status: 429, headers: { 'Retry-After': '120' } });
    await h.advance(60_000);
    expect(digests(server).map((r) => [r.json.recipient, r.json.count])).toEqual(
      expect.arrayContaining([
        ['chat-a', 5],
        ['chat-b', 2],
      ]),
    ); // five notifications, one delivery: one a minute is not five minutes of waiting
    expect(digests(server)).toHaveLength(2);
    server.replyFor('chat-a', null);
    const bMore = await enqueue(h, b, 'chat-b', 1, 2);
    await h.advance(60_000); // b's next digest goes at its own pace; a is held by its Retry-After
    expect(
      digests(server)
        .filter((r) => r.json.recipient === 'chat-b')
        .map(itemKeys),
    ).toEqual([bKeys, bMore]);
    expect(digests(server).filter((r) => r.json.recipient === 'chat-a')).toHaveLength(1);
    await h.advance(60_000);
    await h.advance(1_000);
    const aDigests = digests(server).filter((r) => r.json.recipient === 'chat-a');
    expect(aDigests.map((r) => r.status)).toEqual([429, 200]);
    expect(itemKeys(aDigests[1])).toEqual(aKeys);
    expect(aDigests[1].body).toBe(aDigests[0].body);
  }, 120_000);

  it('a recipient with more than 100 waiting gets several digests, in order, each item once', async () => {
    const h = await start();
    const job = await h.createJob('many');
    const inputs = barTimes(230).map((t) => alertInput(job, t, { recipient: 'chat-m', digestSeconds: 60 }));
    const keys = await h.enqueue(inputs);
    await h.advance(60_000);
    const sent = digests(server);
    expect(sent.map((r) => r.json.count as number).sort((x, y) => y - x)).toEqual([100, 100, 30]);
    expect(sent.flatMap(itemKeys).sort()).toEqual([...keys].sort());
  }, 120_000);

  (SERVER_URL ? it : it.skip)(
    'two replicas fold and deliver each notification exactly once',
    async () => {
      const first = await start();
      const second = await start({}, first);
      const jobs = await Promise.all([0, 1, 2, 3, 4].map((i) => first.createJob(`replicated-${i}`)));
      const inputs = jobs.flatMap((job, i) =>
        barTimes(60).map((t) => alertInput(job, t, { recipient: `chat-${i % 3}`, digestSeconds: 60 })),
      );
      const keys = await first.enqueue(inputs);
      expect(keys).toHaveLength(300);
      first.clock.advance(60_000);
      const repos = [first, second].map((h) => h.get(DigestsRepository));
      await Promise.all([...repos, ...repos].map((r) => r.formDue(new Date(first.clock.now()))));
      for (let i = 0; i < 5; i++) await Promise.all([first.advance(1_000), second.advance(1_000)]);
      const folded = digests(server).flatMap(itemKeys);
      expect(folded.sort()).toEqual([...keys].sort()); // every item in exactly one digest
      expect([...server.countsByKey().values()].every((n) => n === 1)).toBe(true); // every digest posted once
      const rows = await first.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS n FROM notifications`,
      );
      expect(rows[0].sent).toBe(rows[0].n);
    },
    120_000,
  );
});
