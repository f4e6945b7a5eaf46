import { jest } from '@jest/globals';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/** The service as a user runs it (`node dist/main.js`): its log lines, its admin token file. */
// Two boots of the real process; a first boot on the embedded database runs initdb.
jest.setTimeout(180_000);

describe('boot: admin token file, JSON logs with request and run ids, secrets kept out', () => {
  let db: TestDatabase;
  let proc: ServiceProcess | null = null;
  const env = () => ({
    ADMIN_TOKEN: '', // unset: the token file is the point here
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    PROVIDER_PRIORITY: 'csv',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
  });
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const as = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${proc!.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await db.drop();
  });

  it('generates the token once (mode 600), logs where it is and a curl line, never the token', async () => {
    proc = await startServiceProcess(env());
    const file = join(db.dataDir, 'admin-token');
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    expect((await as(token, '/jobs')).status).toBe(200);
    const traced = await as(token, '/market-data/bars?symbol=NOPE&timeframe=1m&apikey=SECRET-KEY-1', {
      headers: { 'X-Request-Id': 'req-42' },
    });
    expect(traced.headers.get('x-request-id')).toBe('req-42');
    const fresh = await as(token, '/jobs');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // A run that fails: its log line carries jobId and runId.
    const job = (await (
      await as(token, '/jobs', {
        method: 'POST',
        body: JSON.stringify({
          name: 'sync-missing-csv',
          type: 'dataSync',
          schedule: { every: 86400 },
          dataSync: { provider: 'csv', symbols: ['NOSUCHFILE'], timeframes: ['1m'] },
          retry: { maxAttempts: 1 },
        }),
      })
    ).json()) as { id: string };
    const run = (await (await as(token, `/jobs/${job.id}/trigger`, { method: 'POST' })).json()) as { id: string };
    for (let i = 0; i < 100 && !proc.output().includes(`run ${run.id} failed`); i++)
      await new Promise((r) => setTimeout(r, 100));

    expect(await proc.stop('SIGTERM')).toBe(0);
    const out = proc.output();
    const log = lines(out); // every line is JSON (not a terminal)
    expect(out).not.toContain(token);
    expect(out).not.toContain('SECRET-KEY-1');
    const msgs = log.map((l) => String(l.msg));
    expect(msgs.filter((m) => m.startsWith('ready at http://localhost:'))).toHaveLength(1);
    expect(msgs.find((m) => m.startsWith('ready at'))).toMatch(
      /\(mode all, database (embedded PGlite in|PostgreSQL at) /,
    );
    expect(msgs).toContain(`admin token generated and kept in ${file} (mode 600; set ADMIN_TOKEN to use your own)`);
    expect(msgs).toContain(
      `try: curl -s -H "Authorization: Bearer $(cat ${file})" ${proc.url.replace('127.0.0.1', 'localhost')}/scheduler/status`,
    );
    expect(msgs.filter((m) => /^stopped on SIGTERM after \d+ s up$/.test(m))).toHaveLength(1);
    expect(msgs.some((m) => m.startsWith('Mapped {'))).toBe(false); // route banners are debug
    const request = log.find((l) => l.reqId === 'req-42');
    expect(request).toMatchObject({ req: { method: 'GET', url: expect.stringContaining('apikey=[redacted]') } });
    expect(JSON.stringify(request)).not.toMatch(/authorization/i);
    const failed = log.find((l) => String(l.msg).includes(`run ${run.id} failed`));
    expect(failed).toMatchObject({ jobId: job.id, runId: run.id, level: 40 });
  });

  it('reuses the token file on the next boot: scripts keep working after a restart', async () => {
    const token = readFileSync(join(db.dataDir, 'admin-token'), 'utf8').trim();
    proc = await startServiceProcess(env());
    expect((await as(token, '/scheduler/status')).status).toBe(200);
    expect(readFileSync(join(db.dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
    await proc.stop('SIGTERM');
    expect(proc.output()).toContain(`admin token read from ${join(db.dataDir, 'admin-token')}`);
    expect(proc.output()).not.toContain(token);
  });
});
