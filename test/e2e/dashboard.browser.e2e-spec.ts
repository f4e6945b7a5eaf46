import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { FakeNotifyServer } from '../fakes/notify-server.js';
import { btcusdt1m } from '../fakes/vendors/series.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { freshDatabase } from '../support/database.js';
import { crossesAbove, crossesBelow, expectedFires, smaRef } from '../support/reference-indicators.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';
import { ADMIN_TOKEN } from '../support/test-app.js';

/**
 * The dashboard in Debian's Chromium against the whole service on a ManualClock: a user signs in,
 * builds an alert in the form, finds it in the list, replays real BTCUSDT minutes from the CSV
 * provider, sees the triggers on the chart, previews another rule, pauses and resumes, and retries
 * a notification that the (fake) endpoint refused with a 400.
 */
const MIN = 60_000;
const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const HISTORY = 300;
const STEPS = 40;
const NAME = 'btc-close-x-sma10';

/** Real BTCUSDT minutes re-timed to end around T0: 300 of history, then STEPS that close during the test. */
function series(): Bar[] {
  return btcusdt1m()
    .slice(0, HISTORY + STEPS)
    .map((b, i) => ({
      ...b,
      openTime: T0 - HISTORY * MIN + i * MIN,
      closeTime: T0 - HISTORY * MIN + (i + 1) * MIN - 1,
    }));
}

function writeCsv(dataDir: string, bars: Bar[]): void {
  mkdirSync(join(dataDir, 'csv'), { recursive: true });
  const rows = bars.map(
    (b) => `${new Date(b.openTime).toISOString()},${b.open},${b.high},${b.low},${b.close},${b.volume}`,
  );
  writeFileSync(join(dataDir, 'csv', 'BTCUSDT_1m.csv'), ['time,open,high,low,close,volume', ...rows].join('\n'));
}

/** Triggers and rearms of a rule stepped over `evaluated` bar indices from armed (the §4 state machine, no cooldown). */
function transitions(rule: (i: number) => boolean, evaluated: number[]): { triggered: number; rearmed: number } {
  const fires = expectedFires(rule, evaluated);
  let armed = true;
  let rearmed = 0;
  for (const i of evaluated) {
    const r = rule(i);
    if (armed && r) armed = false;
    else if (!armed && !r) {
      armed = true;
      rearmed++;
    }
  }
  return { triggered: fires.length, rearmed };
}

describe('dashboard in a real browser (Debian Chromium, playwright-core)', () => {
  let h: SchedulerHarness;
  let notify: FakeNotifyServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let jobId: string;
  const clock = new ManualClock(T0 - 30_000);
  const bars = series();
  const consoleErrors: string[] = [];
  const testid = (id: string) => page.getByTestId(id);
  /** Waits until the page shows exactly `n` elements matching `selector` (pages render after the API answers). */
  const count = (selector: string, n: number) =>
    page.waitForFunction(
      // A function, not a string: the page's CSP forbids eval. (The test's tsconfig has no DOM types.)
      ([sel, want]) => (globalThis as any).document.querySelectorAll(sel).length === want,
      [selector, n] as const,
    );

  beforeAll(async () => {
    const db = await freshDatabase();
    writeCsv(db.dataDir, bars);
    notify = await FakeNotifyServer.start();
    notify.setDefault({ status: 400, body: '{"ok":false,"description":"Bad Request: chat not found"}' });
    h = await startSchedulerHarness({ clock, db, env: { NOTIFY_URL: notify.url } });
    const server = h.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }, 180_000); // the embedded database and Chromium boot slowly on a loaded machine

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await notify?.close();
  });

  it('serves the page publicly with a strict CSP and asks for the token once, keeping it in sessionStorage', async () => {
    const res = await page.goto(`${base}/ui`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/ui/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await testid('login').waitFor();
    await screenshot(page, '00-login');
    await testid('token').fill('not-the-token');
    await testid('login-submit').click();
    await expect(testid('login-error').textContent()).resolves.toContain('That token was not accepted.');
    await testid('token').fill(ADMIN_TOKEN);
    await testid('login-submit').click();
    await expect(testid('scheduler-state').textContent()).resolves.toBe('running');
    expect(await testid('scheduler-mode').textContent()).toBe('all');
    expect(await page.evaluate("sessionStorage.getItem('market-scheduler.admin-token')")).toBe(ADMIN_TOKEN);
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    await page.reload(); // the same tab keeps the token: no second login
    await expect(testid('scheduler-state').textContent()).resolves.toBe('running');
    await screenshot(page, '01-overview-empty');
  });

  it('builds an alert in the form, shows its JSON, validates it live with the next 5 fire times, and creates it', async () => {
    await testid('nav-new').click();
    await testid('f-name').fill(NAME);
    await testid('f-symbol').fill('BTCUSDT');
    await testid('f-provider').selectOption('csv');
    await testid('f-timeframe').selectOption('1m');
    await testid('f-delaySeconds').fill('0');
    await testid('f-left-kind').selectOption('field');
    await testid('f-left-field').selectOption('close');
    await testid('f-op').selectOption('crossesAbove');
    await testid('f-right-kind').selectOption('indicator');
    await testid('f-right-indicator').selectOption('sma');
    await testid('f-right-period').fill('10');
    await testid('f-recipient').fill('chat-42');
    // An invalid value is reported by the service with its field path…
    await testid('f-lookbackBars').fill('0');
    await page.locator('[data-testid=validation][data-state=invalid]').waitFor();
    expect(await testid('validation-errors').textContent()).toContain('alert.lookbackBars');
    await testid('f-lookbackBars').fill('1000');
    await page.locator('[data-testid=validation][data-state=valid]').waitFor();
    // …and a valid one shows the next 5 bar closes of the service's (injected) clock.
    expect(await testid('next-runs').locator('li').allTextContents()).toEqual([
      '2026-03-02 14:00:00Z',
      '2026-03-02 14:01:00Z',
      '2026-03-02 14:02:00Z',
      '2026-03-02 14:03:00Z',
      '2026-03-02 14:04:00Z',
    ]);
    const body = JSON.parse(await testid('job-json').inputValue());
    expect(body).toMatchObject({
      name: NAME,
      type: 'alert',
      schedule: { bar: '1m', delaySeconds: 0 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'csv',
        timeframe: '1m',
        rule: { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 10 } }] },
        lookbackBars: 1000,
        notify: { channels: ['telegram'], recipient: 'chat-42' },
      },
    });
    // The JSON is editable too: an edit there shows in the form.
    await testid('job-json').fill(JSON.stringify({ ...body, alert: { ...body.alert, symbol: 'ETHUSDT' } }, null, 2));
    expect(await testid('f-symbol').inputValue()).toBe('ETHUSDT');
    await testid('f-symbol').fill('BTCUSDT');
    await page.locator('[data-testid=validation][data-state=valid]').waitFor();
    await screenshot(page, '02-new-alert');
    const created = page.waitForResponse((r) => r.url().endsWith('/jobs') && r.request().method() === 'POST');
    await testid('save').click();
    expect((await created).status()).toBe(201);
    await testid('job-page').waitFor();
    jobId = (await testid('job-page').getAttribute('data-job-id')) as string;
    const stored = (await h.api().get(`/jobs/${jobId}`).expect(200)).body;
    expect(stored.alert.rule).toEqual(body.alert.rule);
    expect(await testid('job-state').textContent()).toBe('armed');
  });

  it('finds the alert in the list by name, type and state', async () => {
    await h
      .api()
      .post('/jobs')
      .send({ name: 'nightly-cleanup', type: 'cleanup', schedule: { every: 3600 } })
      .expect(201);
    await testid('nav-jobs').click();
    await count('[data-testid=jobs] tbody tr', 2);
    await testid('filter-name').fill('X-SMA');
    await testid('filter-name').press('Enter');
    await page.waitForURL(/name=X-SMA/);
    await count('[data-testid=jobs] tbody tr', 1);
    expect(await page.locator('[data-testid=jobs] tbody tr').getAttribute('data-job-name')).toBe(NAME);
    await testid('filter-state').selectOption('triggered');
    await testid('jobs-empty').waitFor();
    await testid('filter-state').selectOption('armed');
    await page.locator(`[data-testid=jobs] tr[data-job-id="${jobId}"]`).waitFor();
    await testid('filter-name').fill('');
    await testid('filter-type').selectOption('cleanup');
    await page.locator('[data-testid=jobs-empty]').waitFor(); // no cleanup job is "armed"
    await testid('filter-state').selectOption('');
    await page.locator('[data-testid=jobs] tr[data-job-name="nightly-cleanup"]').waitFor();
    await testid('filter-type').selectOption('');
    await count('[data-testid=jobs] tbody tr', 2);
    await screenshot(page, '03-jobs');
  });

  it("replays the CSV series and shows every trigger and rearm on the chart, with the rule's indicator", async () => {
    for (let s = 0; s < STEPS; s++) {
      clock.set(T0 + s * MIN);
      await h.settle();
      await h.get(NotificationDispatcher).whenIdle();
    }
    const close = bars.map((b) => b.close);
    const sma10 = smaRef(close, 10);
    // Evaluated: bar 13:59 (the first to close after creation) up to the bar closed by the last fire time.
    const evaluated = bars.map((_, i) => i).filter((i) => i >= HISTORY - 1 && i <= HISTORY + STEPS - 3);
    const expected = transitions((i) => crossesAbove(close, sma10, i), evaluated);
    expect(expected.triggered).toBeGreaterThan(2);

    await page.goto(`${base}/ui/#/jobs/${jobId}`);
    await page.locator('[data-testid=events] tbody tr').first().waitFor();
    const eventTypes = await page.locator('[data-testid=events] tbody tr td:nth-child(2)').allTextContents();
    expect(eventTypes.filter((t) => t === 'triggered')).toHaveLength(expected.triggered);
    expect(eventTypes.filter((t) => t === 'rearmed')).toHaveLength(expected.rearmed);
    const runStatuses = await page.locator('[data-testid=runs] tbody tr td:nth-child(3)').allTextContents();
    expect(runStatuses).toHaveLength(STEPS);
    expect(new Set(runStatuses)).toEqual(new Set(['succeeded']));
    await screenshot(page, '04-job');

    await testid('chart-link').click();
    const chart = page.locator('[data-testid=chart][data-mode=events]');
    await chart.waitFor();
    expect(await chart.getAttribute('data-bars')).toBe('300');
    expect(await chart.getAttribute('data-series')).toBe('sma_10');
    expect(await chart.getAttribute('data-markers')).toBe(String(expected.triggered + expected.rearmed));
    expect(await testid('chart-legend').textContent()).toContain(`T = triggered (${expected.triggered})`);
    expect(await page.locator('[data-testid=chart] canvas').count()).toBeGreaterThan(0);
    await screenshot(page, '05-chart');
  }, 180_000);

  it('previews an edited rule on the chart: marks where it would have fired over the same 300 bars', async () => {
    const editor = testid('preview-json');
    const config = JSON.parse(await editor.inputValue());
    config.rule = { crossesBelow: [{ field: 'close' }, { indicator: 'sma', params: { period: 10 } }] };
    await editor.fill(JSON.stringify(config, null, 2));
    await testid('preview').click();
    const chart = page.locator('[data-testid=chart][data-mode=preview]');
    await chart.waitFor();
    // The window: the last 300 closed bars at the service's clock; the indicator warms up inside it.
    const window = bars.slice(HISTORY + STEPS - 1 - 300, HISTORY + STEPS - 1).map((b) => b.close);
    const sma = smaRef(window, 10);
    const fires = expectedFires(
      (i) => crossesBelow(window, sma, i),
      window.map((_, i) => i),
    );
    expect(fires.length).toBeGreaterThan(2);
    expect(await chart.getAttribute('data-markers')).toBe(String(fires.length));
    expect(await page.locator('[data-testid=preview-fires] tbody tr').count()).toBe(fires.length);
    const firstBar = await page.locator('[data-testid=preview-fires] tbody tr td:first-child').first().textContent();
    expect(firstBar).toBe(
      new Date(bars[HISTORY + STEPS - 1 - 300 + fires[0]].openTime)
        .toISOString()
        .replace('T', ' ')
        .replace('.000Z', 'Z'),
    );
    await screenshot(page, '06-chart-preview');
  });

  it('pauses and resumes the alert from the list, and runs it now from its page', async () => {
    await page.goto(`${base}/ui/#/jobs?name=${NAME}`);
    const row = page.locator(`[data-testid=jobs] tr[data-job-id="${jobId}"]`);
    await row.getByTestId('pause').click();
    await row.getByTestId('resume').waitFor();
    expect(await row.locator('td:nth-child(3)').textContent()).toBe('paused');
    expect((await h.api().get(`/jobs/${jobId}`)).body.enabled).toBe(false);
    await row.getByTestId('resume').click();
    await row.getByTestId('pause').waitFor();
    expect(await row.locator('td:nth-child(3)').textContent()).toBe('enabled');
    expect((await h.api().get(`/jobs/${jobId}`)).body.enabled).toBe(true);

    await row.getByTestId('job-link').click();
    const triggered = page.waitForResponse((r) => r.url().endsWith(`/jobs/${jobId}/trigger`));
    await testid('run-now').click();
    expect((await triggered).status()).toBe(202);
    await h.settle();
    const runs = (await h.api().get(`/jobs/${jobId}/runs`)).body.items;
    expect(runs.filter((r: { trigger: string }) => r.trigger === 'manual')).toHaveLength(1);
  });

  it('edits the alert in the form: the change is stored and shown on its page', async () => {
    await page.goto(`${base}/ui/#/jobs/${jobId}/edit`);
    expect(await testid('f-name').inputValue()).toBe(NAME);
    expect(await testid('f-right-period').inputValue()).toBe('10');
    await testid('f-right-period').fill('20');
    await testid('f-cooldownSeconds').fill('120');
    await page.locator('[data-testid=validation][data-state=valid]').waitFor();
    await screenshot(page, '10-edit-alert');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/jobs/${jobId}`) && r.request().method() === 'PUT');
    await testid('save').click();
    expect((await saved).status()).toBe(200);
    await testid('job-page').waitFor();
    expect(JSON.parse((await testid('definition').textContent()) as string).alert).toMatchObject({
      rule: { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 20 } }] },
      rearm: { cooldownSeconds: 120 },
    });
    const stored = (await h.api().get(`/jobs/${jobId}`)).body;
    expect(stored.alert.rule.crossesAbove[1].params.period).toBe(20);
    expect(stored.alert.rearm.cooldownSeconds).toBe(120);
  });

  it('deletes a job only after the confirmation', async () => {
    await page.goto(`${base}/ui/#/jobs?type=cleanup`);
    const row = page.locator('[data-testid=jobs] tr[data-job-name="nightly-cleanup"]');
    await row.getByTestId('delete').click();
    await testid('confirm-cancel').click();
    expect((await h.api().get('/jobs?type=cleanup')).body.items).toHaveLength(1);
    await row.getByTestId('delete').click();
    await testid('confirm-ok').click();
    await testid('jobs-empty').waitFor();
    expect((await h.api().get('/jobs?type=cleanup')).body.items).toHaveLength(0);
  });

  it('shows the dead notifications with their attempts and last error, and retries one to delivery', async () => {
    const triggers = (await h.api().get(`/jobs/${jobId}/events?limit=500`)).body.items.filter(
      (e: { type: string }) => e.type === 'triggered',
    ).length;
    await page.goto(`${base}/ui/#/outbox?status=dead`);
    await page.locator('[data-testid=notifications] tbody tr').first().waitFor();
    expect(await testid('count-dead').textContent()).toBe(String(triggers));
    expect(await page.locator('[data-testid=notifications] tbody tr').count()).toBe(triggers);
    expect(await page.locator('[data-testid=attempts]').first().textContent()).toBe('1');
    expect(await testid('last-error').first().textContent()).toContain('400');
    await screenshot(page, '07-outbox-dead');

    notify.setDefault({ status: 200, body: '{"ok":true}' });
    const before = notify.requests.length;
    const first = page.locator('[data-testid=notifications] tbody tr').first();
    const id = (await first.getAttribute('data-id')) as string;
    const retried = page.waitForResponse((r) => r.url().endsWith(`/notifications/${id}/retry`));
    await first.getByTestId('retry').click();
    expect((await retried).status()).toBe(200);
    await notify.waitForRequests(before + 1);
    await h.get(NotificationDispatcher).whenIdle();
    await testid('tab-sent').click();
    await page.locator(`[data-testid=notifications] tr[data-id="${id}"][data-status=sent]`).waitFor();
    expect(await testid('count-sent').textContent()).toBe('1');
    expect(await testid('count-dead').textContent()).toBe(String(triggers - 1));
    expect(notify.requests.at(-1)?.json.id).toBe(id);
    await screenshot(page, '08-outbox-sent');
  });

  it('sums it up on the overview: counts by type and state, next runs, outbox depth, no console errors', async () => {
    await testid('nav-overview').click();
    await testid('job-counts').waitFor();
    const row = await page.locator('[data-testid=job-counts] tbody tr').first().locator('td').allTextContents();
    expect(row.slice(0, 4)).toEqual(['alert', '1', '1', '0']);
    expect(row[4]).toMatch(/^(armed|triggered) 1$/);
    expect(await testid('next-runs').textContent()).toContain(NAME);
    expect(await testid('outbox-sent').textContent()).toBe('1');
    expect(Number(await testid('outbox-dead').textContent())).toBeGreaterThan(0);
    await screenshot(page, '09-overview');
    // The expected 401 (wrong token) and 400s (invalid drafts) are logged as failed loads; nothing else may be,
    // a CSP violation ("Refused to …") or an exception least of all.
    expect(consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
