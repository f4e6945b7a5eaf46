import { FakeNotifyServer } from '../fakes/notify-server.js';
import { verifySignature } from '../fakes/verify-signature.js';
import { alertInput, startNotifyHarness, type NotifyHarness } from './notifications.harness.js';

const SECRET = 'a-shared-webhook-secret-of-some-length';

/** NOTIFY_SIGNING_SECRET (CONTRACT §8): a receiver that verifies every request, as the README shows. */
describe('signed deliveries (whole service, real database, verifying loopback receiver)', () => {
  let server: FakeNotifyServer;
  let h: NotifyHarness;
  let jobId: string;

  beforeAll(async () => {
    server = await FakeNotifyServer.start();
    h = await startNotifyHarness({
      env: { NOTIFY_URL: server.url, NOTIFY_TIMEOUT: '1', NOTIFY_SIGNING_SECRET: SECRET },
    });
    jobId = await h.createJob('signed-deliveries');
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });

  it('signs every attempt with identical headers and body, and the receiver verifies each', async () => {
    const writtenAt = h.clock.now();
    server.reply({ status: 503, body: 'busy' });
    await h.enqueue([alertInput(jobId, '2026-03-02T13:45:00.000Z')]);
    await h.settle();
    expect(server.requests).toHaveLength(1);
    h.clock.advance(30_000); // past the first backoff, and a new second: the timestamp must not follow the clock
    await h.settle();
    expect(server.requests.map((r) => r.status)).toEqual([503, 200]);
    const [first, retry] = server.requests;
    for (const req of server.requests) expect(verifySignature(SECRET, req.headers, req.body)).toBe(true);
    expect(first.headers['x-timestamp']).toBe(String(Math.floor(writtenAt / 1000)));
    expect(retry.headers['x-timestamp']).toBe(first.headers['x-timestamp']);
    expect(retry.headers['x-signature-256']).toBe(first.headers['x-signature-256']);
    expect(retry.headers['x-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(retry.body).toBe(first.body); // byte for byte: the signature covers the raw body
  });

  it('fails verification for a tampered body, a moved timestamp or another secret', async () => {
    server.requests.length = 0;
    await h.enqueue([alertInput(jobId, '2026-03-02T14:00:00.000Z')]);
    await h.settle();
    const [req] = server.requests;
    expect(verifySignature(SECRET, req.headers, req.body)).toBe(true);
    const tampered = req.body.replace('"close":27123.5', '"close":1');
    expect(tampered).not.toBe(req.body);
    expect(verifySignature(SECRET, req.headers, tampered)).toBe(false);
    const moved = { ...req.headers, 'x-timestamp': String(Number(req.headers['x-timestamp']) + 1) };
    expect(verifySignature(SECRET, moved, req.body)).toBe(false);
    expect(verifySignature('another-secret-entirely', req.headers, req.body)).toBe(false);
  });

  it('never shows the secret in the effective configuration', async () => {
    const res = await h.api().get('/scheduler/config').expect(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(res.body.notify.signingSecret).toBe('[redacted]');
  });
});
