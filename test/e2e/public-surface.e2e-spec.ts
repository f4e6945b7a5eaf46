import { jest } from '@jest/globals';
import { FAILED_AUTH_BLOCK_SECONDS, FAILED_AUTH_LIMIT } from '../../src/common/failed-auth.guard.js';
import type { GuardedProvider } from '../../src/market-data/core/guarded-provider.js';
import { MARKET_DATA_PROVIDERS } from '../../src/market-data/provider-set.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { SchedulerStateRepository } from '../../src/scheduler/scheduler-state.repository.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/test-app.js';

const NOTIFY_PASSWORD = 'notify-pass-Zq81';
const NOTIFY_TOKEN = 'notify-token-Wx22';
const VENDOR_TEXT = 'upstream said: internal host 10.1.2.3:8443 https://vendor.internal/x?apikey=K-LEAK';

/** CONTRACT §8 "Public routes": what anyone without the token can see, and failed authentications. */
describe('public surface (no token): health in our own words, redacted config, headers, throttled failures', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        // Port 9 (discard) on loopback: nothing listens, deliveries would fail; only the text matters here.
        NOTIFY_URL: `http://bot:${NOTIFY_PASSWORD}@127.0.0.1:9/api/notify?chat=42&token=${NOTIFY_TOKEN}`,
        BINANCE_BASE_URL: 'http://127.0.0.1:9',
        YAHOO_BASE_URL: 'http://127.0.0.1:9',
      },
    });
  });
  afterAll(() => t.close());

  it('sets security headers whose CSP allows this origin only (no CDN, no inline scripts)', async () => {
    const res = await t.anon().get('/health/live').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https:|upgrade-insecure-requests|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('GET /scheduler/config shows no NOTIFY_URL userinfo or query credential', async () => {
    const res = await t.api().get('/scheduler/config').expect(200);
    expect(res.body.notify.url).toBe('http://***@127.0.0.1:9/api/notify?chat=42&token=***');
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${NOTIFY_PASSWORD}|${NOTIFY_TOKEN}|${ADMIN_TOKEN}`));
  });

  it('public /health says what is wrong in our words; the token adds the upstream detail, still redacted', async () => {
    const binance = t.get<GuardedProvider[]>(MARKET_DATA_PROVIDERS as never).find((p) => p.name === 'binance')!;
    for (let i = 0; i < 5; i++) binance.breaker.recordFailure(new Error(`binance: HTTP 500: ${VENDOR_TEXT}`));
    const notify = t.get(NotificationDispatcher).breaker;
    for (let i = 0; i < 5; i++)
      notify.recordFailure(new Error(`HTTP 502: <html>proxy for http://bot:${NOTIFY_PASSWORD}@10.9.9.9/</html>`));
    const ping = jest
      .spyOn(t.get(SchedulerStateRepository), 'ping')
      .mockRejectedValue(new Error(`connect ECONNREFUSED 127.0.0.1:5499 (token ${ADMIN_TOKEN})`));
    try {
      const pub = await t.anon().get('/health');
      expect(pub.status).toBe(503);
      expect(Object.keys(pub.body).sort()).toEqual(['checks', 'issues', 'status']);
      expect(pub.body.status).toBe('unhealthy');
      expect(pub.body.issues).toEqual(
        expect.arrayContaining([
          'database unreachable',
          expect.stringMatching(/^provider binance down: circuit open after 5 failures/),
          expect.stringMatching(/^notify endpoint failing: last 5 attempt\(s\) failed; circuit open/),
        ]),
      );
      expect(pub.body.checks.database).toEqual({ status: 'down', issues: ['database unreachable'] });
      expect(pub.body.checks['provider:binance'].status).toBe('degraded');
      expect(pub.body.checks['provider:yahoo']).toEqual({ status: 'up' });
      const text = JSON.stringify(pub.body);
      for (const leak of [
        'ECONNREFUSED',
        '5499',
        '127.0.0.1',
        '10.1.2.3',
        'vendor.internal',
        'K-LEAK',
        'html',
        'upstream said',
        NOTIFY_PASSWORD,
        ADMIN_TOKEN,
      ])
        expect(text).not.toContain(leak);

      // The probes are public too: readiness fails without the driver's text.
      const ready = await t.anon().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(JSON.stringify(ready.body)).not.toMatch(/ECONNREFUSED|5499/);

      const admin = await t.api().get('/health');
      expect(admin.status).toBe(503);
      expect(admin.body.checks.database.details.error).toBe('connect ECONNREFUSED 127.0.0.1:5499 (token ***)');
      expect(admin.body.checks['provider:binance'].details.lastError).toContain('apikey=***');
      expect(admin.body.checks.notify.details.lastError).toBe('HTTP 502: <html>proxy for http://***@10.9.9.9/</html>');
      expect(JSON.stringify(admin.body)).not.toMatch(/K-LEAK|notify-pass|test-admin-token/);

      // A wrong token is no token: the public view (and it counts as a failed authentication).
      const wrong = await t.anon().get('/health').set('Authorization', 'Bearer wrong-token-but-long-enough');
      expect(wrong.body.checks.database).toEqual({ status: 'down', issues: ['database unreachable'] });
    } finally {
      ping.mockRestore();
      binance.breaker.recordSuccess();
      notify.recordSuccess();
    }
  });

  it('throttles a burst of bad tokens with 429 while valid requests in the same burst pass', async () => {
    const bad = () => t.anon().get('/jobs').set('Authorization', 'Bearer not-the-admin-token-at-all');
    const statuses: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < FAILED_AUTH_LIMIT + 5; i++) {
      statuses.push((await bad()).status);
      valid.push((await t.api().get('/jobs')).status);
      valid.push((await t.anon().get('/health/live')).status);
    }
    // One failed authentication was counted by the previous test (the wrong token on /health).
    expect(statuses.slice(0, FAILED_AUTH_LIMIT - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_AUTH_LIMIT)).toEqual(new Array(5).fill(429));
    expect(valid.every((s) => s === 200)).toBe(true);
    const blocked = await t.anon().get('/jobs');
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(FAILED_AUTH_BLOCK_SECONDS - 10);
    expect(retryAfter).toBeLessThanOrEqual(FAILED_AUTH_BLOCK_SECONDS);
    expect(blocked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [`too many failed authentications from this address; retry in ${retryAfter} s`],
    });
    // Still blocked for bad tokens, never for the good one.
    expect((await t.api().post('/jobs/validate').send({})).status).toBe(400);
  });
});
