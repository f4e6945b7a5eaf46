import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'examples', 'jobs');
const files = () =>
  readdirSync(DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .map((f) => join(DIR, f));

describe("examples/jobs: every seed's default job set", () => {
  it('passes `market-scheduler validate` (the built CLI, offline)', () => {
    const out = execFileSync('node', [join(ROOT, 'bin', 'market-scheduler.js'), 'validate', ...files()], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('17 job(s) valid');
  });

  it('fails `validate` with the path of a broken job (the check can fail)', () => {
    let out = '';
    try {
      execFileSync(
        'node',
        [join(ROOT, 'bin', 'market-scheduler.js'), 'validate', join(ROOT, 'test/fixtures/broken-job.yaml')],
        {
          encoding: 'utf8',
        },
      );
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toContain('broken-job.yaml[0].quotes.symbols[0] must be a symbol');
    expect(out).toContain('broken-job.yaml[1].http.url must be an absolute http(s) URL');
  });

  describe('as ALERTS_DIR of a running service', () => {
    let t: TestApp;
    beforeAll(async () => {
      process.env.PLATFORM_TOKEN = 'example-token-value';
      process.env.PLATFORM_SIGNING_SECRET = 'example-signing-secret';
      t = await startTestApp({
        env: { ALERTS_DIR: DIR, HTTP_JOB_ALLOWED_HOSTS: 'platform.internal', SCHEDULER_ENABLED: 'false' },
      });
    }, 180_000);
    afterAll(async () => {
      await t.close();
      delete process.env.PLATFORM_TOKEN;
      delete process.env.PLATFORM_SIGNING_SECRET;
    });

    it('loads all 17 jobs with their types and schedules', async () => {
      const res = await t.api().get('/jobs?limit=100').expect(200);
      const byName = Object.fromEntries(res.body.items.map((j: { name: string }) => [j.name, j]));
      expect(Object.keys(byName)).toHaveLength(17);
      expect(byName.stock_quotes).toMatchObject({
        type: 'quotes',
        schedule: { every: 60, calendar: 'XNYS', marketHoursOnly: true },
        source: 'file',
      });
      expect(byName.collect_crypto_data).toMatchObject({ type: 'dataSync', schedule: { every: 600 } });
      expect(byName.daily_stock_list).toMatchObject({ type: 'dataSync', schedule: { at: '17:00' } });
      expect(byName.update_exchange_symbols.type).toBe('http');
      expect(JSON.stringify(res.body)).not.toContain('example-token-value');
    });
  });
});
