import { SERVER_URL } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { NotificationDispatcher, POLL_MS } from '../../src/notifications/notification-dispatcher.js';
import { NotificationsRepository } from '../../src/notifications/notifications.repository.js';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { alertInput, barTimes, startNotifyHarness } from './notifications.harness.js';

const outbox = async (app: TestApp): Promise<any[]> =>
  (await app.api().get('/notifications?limit=500').expect(200)).body.items;
const notifyHealth = async (app: TestApp) => (await app.anon().get('/health').expect(200)).body;
/** GET /health with the token: each check's details too. */
const detailedHealth = async (app: TestApp) => (await app.api().get('/health').expect(200)).body;

describe('notification outbox across failures, restarts and replicas', () => {
  let server: FakeNotifyServer;
  const apps: TestApp[] = [];
  const track = <T extends TestApp>(app: T): T => {
    apps.push(app);
    return app;
  };
  beforeEach(async () => {
    server = await FakeNotifyServer.start();
  });
  afterEach(async () => {
    for (const app of apps.splice(0).reverse())
      await app.close({ keepDatabase: app !== apps[0] }).catch(() => undefined);
    await server.close();
  });

  it('without NOTIFY_URL keeps notifications pending and says why; a restart with it delivers them', async () => {
    const h = track(await startNotifyHarness());
    const jobId = await h.createJob('kept');
    await h.enqueue(barTimes(3).map((t) => alertInput(jobId, t)));
    await h.settle();
    const kept = await outbox(h);
    expect(kept.map((n) => [n.status, n.attempts, n.lastError])).toEqual(
      Array(3).fill(['pending', 0, 'NOTIFY_URL not set: kept in the outbox until it is configured']),
    );
    const health = await notifyHealth(h);
    expect(health.status).toBe('degraded');
    expect(health.issues).toContain('notify: NOTIFY_URL not set: 3 notification(s) undeliverable, kept in the outbox');
    await h.close({ keepDatabase: true });
    apps.length = 0;
    const next = track(await startNotifyHarness({ db: h.db, clock: h.clock, env: { NOTIFY_URL: server.url } }));
    await next.settle(); // nothing kicks it: the first poll finds the rows due
    expect([...server.countsByKey().values()]).toEqual([1, 1, 1]);
    expect((await outbox(next)).map((n) => n.status)).toEqual(['sent', 'sent', 'sent']);
    expect((await notifyHealth(next)).status).toBe('healthy');
  });

  it('is healthy without NOTIFY_URL while nothing waits, and an api replica delivers nothing', async () => {
    const h = track(await startNotifyHarness({ env: { NOTIFY_URL: server.url, SCHEDULER_MODE: 'api' } }));
    expect((await detailedHealth(h)).checks.notify).toMatchObject({
      status: 'up',
      details: { configured: true, delivering: false, pending: 0 },
    });
    const jobId = await h.createJob('api-only');
    await h.enqueue([alertInput(jobId, barTimes(1)[0])]);
    await h.advance(10_000);
    expect(server.requests).toHaveLength(0);
    expect((await outbox(h))[0].status).toBe('pending');
  });

  it('is degraded while the endpoint keeps failing; the breaker holds rows back without spending attempts', async () => {
    server.setDefault({ status: 503, body: 'maintenance' });
    const h = track(await startNotifyHarness({ env: { NOTIFY_URL: server.url } }));
    const jobId = await h.createJob('failing');
    await h.enqueue(barTimes(20).map((t) => alertInput(jobId, t)));
    await h.settle();
    expect(server.requests).toHaveLength(20);
    const health = await notifyHealth(h);
    expect(health.status).toBe('degraded');
    expect(health.issues.join('\n')).toMatch(/notify endpoint failing: last \d+ attempt\(s\) failed; circuit open/);
    // The endpoint's answer is detail for the operator: shown with the token only.
    expect(JSON.stringify(health)).not.toContain('maintenance');
    const detailed = await detailedHealth(h);
    expect(detailed.checks.notify.details.lastError).toMatch(/HTTP 503: maintenance/);
    for (let i = 0; i < 16; i++) await h.advance(POLL_MS); // 4 s later: still open (5 s cooldown), nothing more sent
    expect(server.requests).toHaveLength(20);
    // A minute of outage: without the breaker each row would have tried ~6 more times (1, 2, 4, … 32 s);
    // with it, one probe per cooldown. No row is dead, and each request was an attempt of its row.
    for (let i = 0; i < 240; i++) await h.advance(POLL_MS);
    const during = await outbox(h);
    expect(server.requests.length).toBeLessThanOrEqual(20 + 13);
    expect(during.every((n) => n.status === 'pending')).toBe(true);
    expect(during.reduce((sum, n) => sum + n.attempts, 0)).toBe(server.requests.length);
    server.setDefault({ status: 200 });
    for (let i = 0; i < 30; i++) await h.advance(5_000);
    expect((await outbox(h)).map((n) => n.status)).toEqual(Array(20).fill('sent'));
    expect([...server.countsByKey().keys()]).toHaveLength(20);
    expect((await notifyHealth(h)).status).toBe('healthy');
  });

  it('retries a refused connection', async () => {
    const closed = await FakeNotifyServer.start();
    const url = closed.url;
    await closed.close(); // nothing listens on its port any more
    const h = track(await startNotifyHarness({ env: { NOTIFY_URL: url } }));
    const jobId = await h.createJob('refused');
    await h.enqueue([alertInput(jobId, barTimes(1)[0])]);
    await h.settle();
    const [row] = await outbox(h);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });

  (SERVER_URL ? it : it.skip)('two replicas on one Postgres never deliver the same row twice (500 rows)', async () => {
    server.setDefault({ status: 200, delayMs: 2 });
    const first = track(await startTestApp({ env: { NOTIFY_URL: server.url } }));
    const second = track(await startTestApp({ db: first.db, env: { NOTIFY_URL: server.url } }));
    const jobId = (
      await first
        .api()
        .post('/jobs')
        .send({ name: 'both', type: 'cleanup', schedule: { every: 3600 } })
        .expect(201)
    ).body.id;
    const inputs = Array.from({ length: 500 }, (_, i) =>
      alertInput(jobId, new Date(Date.parse('2026-01-01T00:00:00Z') + i * 900_000).toISOString()),
    );
    await first.dataSource.transaction((em) => first.get(NotificationsRepository).enqueueMany(em, inputs));
    first.get(NotificationDispatcher).kick();
    second.get(NotificationDispatcher).kick();
    await server.waitForRequests(500);
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS)); // any duplicate would arrive by now
    await Promise.all([first, second].map((a) => a.get(NotificationDispatcher).whenIdle()));
    const counts = [...server.countsByKey().values()];
    expect(counts).toHaveLength(500);
    expect(counts.every((c) => c === 1)).toBe(true);
    const sentBy = await Promise.all(
      [first, second].map(async (a) =>
        (await a.get(MetricsService).notifications.get()).values
          .filter((v) => v.labels.outcome === 'sent')
          .reduce((sum, v) => sum + v.value, 0),
      ),
    );
    expect(sentBy[0] + sentBy[1]).toBe(500);
    expect(Math.min(...sentBy)).toBeGreaterThan(0); // both really competed for the rows
    const sent = await first.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'sent'`);
    expect(sent[0].n).toBe(500);
  });
});
