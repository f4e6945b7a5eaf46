import { FakeNotifyServer } from '../fakes/notify-server.js';
import { alertInput, barTimes, startNotifyHarness, type NotifyHarness } from './notifications.harness.js';

const recipientsOf = (server: FakeNotifyServer) => server.requests.map((r) => r.json.recipient as string);
const keysFor = (server: FakeNotifyServer, recipient: string) =>
  server.requests.filter((r) => r.json.recipient === recipient).map((r) => r.json.idempotencyKey as string);

/**
 * Pacing per recipient (CONTRACT §8): NOTIFY_RATE_PER_RECIPIENT, in order, never dropped; a 429
 * with Retry-After and a slow endpoint for one recipient slow that recipient only.
 */
describe('pacing per recipient (whole service, real database, loopback endpoint)', () => {
  let server: FakeNotifyServer;
  beforeEach(async () => {
    server = await FakeNotifyServer.start();
  });
  afterEach(async () => {
    await server?.close();
  });

  /** `n` notifications for `recipient`, each written 1 ms after the previous (so their order is defined). */
  async function enqueueFor(
    h: NotifyHarness,
    jobId: string,
    recipient: string,
    n: number,
    from = 0,
  ): Promise<string[]> {
    const keys: string[] = [];
    for (const t of barTimes(from + n).slice(from)) {
      keys.push(...(await h.enqueue([alertInput(jobId, t, { recipient })])));
      h.clock.advance(1);
    }
    return keys;
  }

  it('delivers at most NOTIFY_RATE_PER_RECIPIENT a minute to one recipient, in order, without slowing another', async () => {
    const h = await startNotifyHarness({ env: { NOTIFY_URL: server.url, NOTIFY_RATE_PER_RECIPIENT: '2' } });
    try {
      const a = await h.createJob('paced-a');
      const b = await h.createJob('paced-b');
      const aKeys = await enqueueFor(h, a, 'chat-a', 4);
      const bKeys = await enqueueFor(h, b, 'chat-b', 2);
      await h.settle();
      expect(recipientsOf(server).sort()).toEqual(['chat-a', 'chat-b']); // one each: 2 a minute is one per 30 s
      await h.advance(29_000);
      expect(server.requests).toHaveLength(2);
      await h.advance(1_000);
      expect(server.requests).toHaveLength(4);
      await h.advance(30_000);
      await h.advance(30_000);
      expect(keysFor(server, 'chat-a')).toEqual(aKeys); // all four, in the order they were written
      expect(keysFor(server, 'chat-b')).toEqual(bKeys);
      const aTimes = server.requests.filter((r) => r.json.recipient === 'chat-a').map((r) => r.at);
      expect(aTimes).toHaveLength(4);
      const outbox = (await h.api().get('/notifications?limit=500').expect(200)).body.items;
      expect(outbox.every((n: { status: string }) => n.status === 'sent')).toBe(true);
    } finally {
      await h.close();
    }
  }, 120_000);

  it('a 429 with Retry-After holds that recipient (in order) until then; the other recipient is not delayed', async () => {
    const h = await startNotifyHarness({ env: { NOTIFY_URL: server.url, NOTIFY_RATE_PER_RECIPIENT: '600' } });
    try {
      const a = await h.createJob('limited-a');
      const b = await h.createJob('limited-b');
      server.replyFor('chat-a', { status: 429, headers: { 'Retry-After': '60' }, body: '{"retry_after":60}' });
      const aKeys = await enqueueFor(h, a, 'chat-a', 3);
      const bKeys = await enqueueFor(h, b, 'chat-b', 3);
      // 600 a minute is one per 100 ms; a paced row is claimed at the next poll (POLL_MS) after its
      // gate opens, so b's three are out within a second whatever the kick's claim raced with.
      for (let i = 0; i < 10; i++) await h.advance(100);
      expect(keysFor(server, 'chat-b')).toEqual(bKeys); // b went on at its own pace
      expect(keysFor(server, 'chat-a')).toEqual([aKeys[0]]); // a: its first was refused, the rest wait behind it
      server.replyFor('chat-a', null);
      await h.advance(58_000);
      expect(keysFor(server, 'chat-a')).toEqual([aKeys[0]]);
      for (let i = 0; i < 20; i++) await h.advance(1_000);
      expect(keysFor(server, 'chat-a')).toEqual([aKeys[0], ...aKeys]); // retried after 60 s, then the others, in order
      expect(h.dispatcher.breaker.state).toBe('closed'); // a 429 is about one recipient, not a failing endpoint
    } finally {
      await h.close();
    }
  }, 120_000);

  it('without pacing, a 429 still slows only its recipient, and a slow recipient does not delay another', async () => {
    const h = await startNotifyHarness({ env: { NOTIFY_URL: server.url, NOTIFY_TIMEOUT: '2' } });
    try {
      const a = await h.createJob('unpaced-a');
      const b = await h.createJob('unpaced-b');
      const c = await h.createJob('unpaced-c');
      server.replyFor('chat-a', { status: 429, headers: { 'Retry-After': '120' } });
      server.replyFor('chat-slow', { status: 200, body: '{"ok":true}', delayMs: 1500 });
      await enqueueFor(h, a, 'chat-a', 1);
      await h.settle();
      expect(keysFor(server, 'chat-a')).toHaveLength(1);
      const aLater = await enqueueFor(h, a, 'chat-a', 2, 1); // written after the 429: held by the recipient's gate
      const slow = await enqueueFor(h, c, 'chat-slow', 1);
      const started = Date.now();
      const bKeys = await enqueueFor(h, b, 'chat-b', 3);
      await server.waitForRequests(1 + 1 + 3, 5_000);
      const bDone = server.requests.filter((r) => r.json.recipient === 'chat-b');
      expect(bDone.map((r) => r.json.idempotencyKey)).toEqual(bKeys);
      expect(Math.max(...bDone.map((r) => r.at)) - started).toBeLessThan(1_000); // not behind the 1.5 s recipient
      await h.settle();
      expect(keysFor(server, 'chat-slow')).toEqual(slow);
      expect(keysFor(server, 'chat-a')).toHaveLength(1); // nothing more to chat-a within its Retry-After
      server.replyFor('chat-a', null);
      await h.advance(121_000);
      await h.advance(5_000);
      expect(keysFor(server, 'chat-a').slice(1).sort()).toEqual([...aLater, keysFor(server, 'chat-a')[0]].sort());
    } finally {
      await h.close();
    }
  }, 120_000);
});
