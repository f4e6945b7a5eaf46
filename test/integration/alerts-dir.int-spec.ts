import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, SERVER_URL, type TestDatabase } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const cleanup = (name: string, days = 30) => ({
  name,
  type: 'cleanup',
  schedule: { cron: '0 3 * * *' },
  cleanup: { runsOlderThanDays: days, barsOlderThanDays: 365 },
});
const alert = (name: string, symbol = 'BTCUSDT') => ({
  name,
  type: 'alert',
  schedule: { bar: '1d' },
  alert: { symbol, timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] } },
});

interface JobRow {
  id: string;
  name: string;
  source: string;
  version: number;
  enabled: boolean;
  config: Record<string, unknown>;
}

/** ALERTS_DIR through the whole service (boot sync and POST /scheduler/reload) on a real database. */
describe('ALERTS_DIR sync: all or nothing (CONTRACT §8)', () => {
  let dir: string;
  let app: TestApp;
  const write = (file: string, body: unknown) =>
    writeFileSync(join(dir, file), typeof body === 'string' ? body : JSON.stringify(body));
  const jobs = async (): Promise<JobRow[]> =>
    app.dataSource.query('SELECT id, name, source, version, enabled, config FROM jobs ORDER BY name');
  const reload = async () => (await app.api().post('/scheduler/reload').expect(200)).body;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ms-alerts-dir-'));
    write('a.json', [cleanup('file-a1'), cleanup('file-a2')]);
    write(
      'b.yaml',
      `name: file-b\ntype: alert\nschedule: { bar: 1d }\nalert:\n  symbol: ETHUSDT\n  timeframe: 1d\n  rule: { gt: [ { field: close }, { value: 1 } ] }\n`,
    );
    // Paused: nothing fires during these tests; the sync runs at boot all the same.
    app = await startTestApp({ env: { ALERTS_DIR: dir, SCHEDULER_ENABLED: 'false' } });
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the files’ jobs at boot, leaves an unchanged one alone with its state, updates and deletes', async () => {
    const booted = await jobs();
    expect(booted.map((j) => [j.name, j.source, j.version])).toEqual([
      ['file-a1', 'file', 1],
      ['file-a2', 'file', 1],
      ['file-b', 'file', 1],
    ]);
    const b = booted.find((j) => j.name === 'file-b')!;
    // The alert has moved on since (a run wrote its state), and an operator paused a1 through the API.
    await app.dataSource.query(
      `INSERT INTO job_states (job_id, rev, cursor, state) VALUES ($1, 7, 1767225600000, '{"status":"triggered","triggerCount":3}')`,
      [b.id],
    );
    const a1 = booted.find((j) => j.name === 'file-a1')!;
    await app.api().post(`/jobs/${a1.id}/pause`).expect(200);

    expect(await reload()).toMatchObject({
      problems: [],
      alertsDir: { created: 0, updated: 0, deleted: 0, unchanged: 3 },
    });
    const [state] = await app.dataSource.query('SELECT rev, cursor, state FROM job_states WHERE job_id = $1', [b.id]);
    expect(state).toEqual({ rev: 7, cursor: '1767225600000', state: { status: 'triggered', triggerCount: 3 } });
    expect((await jobs()).find((j) => j.name === 'file-a1')).toMatchObject({ enabled: false, version: 2 });

    // a2 changes, a1 leaves the directory, c is new; the alert's file is rewritten with the same definition.
    write('a.json', { jobs: [cleanup('file-a2', 7)] });
    write('c.yml', cleanup('file-c'));
    write('b.yaml', JSON.stringify(alert('file-b', 'ETHUSDT'), null, 2)); // JSON is YAML too
    expect(await reload()).toMatchObject({
      problems: [],
      alertsDir: { created: 1, updated: 1, deleted: 1, unchanged: 1 },
    });
    const after = await jobs();
    expect(after.map((j) => j.name)).toEqual(['file-a2', 'file-b', 'file-c']);
    expect(after.find((j) => j.name === 'file-a2')).toMatchObject({ version: 2, config: { runsOlderThanDays: 7 } });
    expect(after.find((j) => j.name === 'file-b')).toMatchObject({ id: b.id, version: 1 });
    const [kept] = await app.dataSource.query('SELECT rev FROM job_states WHERE job_id = $1', [b.id]);
    expect(kept).toEqual({ rev: 7 });
  });

  it('a broken file changes nothing and is reported by file, item and field path in the answer and /health until a clean sync', async () => {
    const before = await jobs();
    unlinkSync(join(dir, 'a.json')); // would delete a1 and a2 if the sync went ahead
    write('c.json', '{"name": "file-c", "type": ');
    write('d.yaml', [cleanup('file-d'), { ...cleanup('file-d2'), schedule: { every: -5 } }, alert('file-d3', '')]);
    write('e.json', { ...cleanup('file-e'), surprise: true });

    const answer = await reload();
    expect(answer.alertsDir).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(answer.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^c\.json: /),
        expect.stringMatching(/^d\.yaml\[1\]\.schedule\.every /),
        expect.stringMatching(/^d\.yaml\[2\]\.alert\.symbol /),
        expect.stringMatching(/^e\.json.*surprise/),
      ]),
    );
    expect(answer.problems).toHaveLength(4);
    expect(await jobs()).toEqual(before);

    const health = await app.api().get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.checks.alertsDir.status).toBe('degraded');
    expect(health.body.issues.join('\n')).toMatch(/alertsDir: ALERTS_DIR sync refused.*c\.json/);

    for (const f of ['c.json', 'd.yaml', 'e.json']) unlinkSync(join(dir, f));
    expect(await reload()).toMatchObject({ problems: [], alertsDir: { deleted: 2, unchanged: 1 } });
    expect((await app.api().get('/health').expect(200)).body.checks.alertsDir.status).toBe('up');
  });

  it('a file that no longer parses or validates keeps every job it defined, with its state, at reload and at boot', async () => {
    const before = await jobs();
    const b = before.find((j) => j.name === 'file-b')!;
    await app.dataSource.query(
      `INSERT INTO job_states (job_id, rev, cursor, state) VALUES ($1, 4, 1767225600000, '{"status":"triggered","triggerCount":1}')`,
      [b.id],
    );
    // The alert's own file is cut off mid-write; a.json keeps a1 but breaks a2.
    write('b.yaml', 'name: file-b\ntype: alert\nschedule: { bar: 1d\n');
    write('a.json', [cleanup('file-a1'), { ...cleanup('file-a2'), cleanup: { runsOlderThanDays: 'soon' } }]);
    const answer = await reload();
    expect(answer.alertsDir).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 0 });
    expect(answer.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b\.yaml: /),
        expect.stringMatching(/^a\.json\[1\]\.cleanup\.runsOlderThanDays /),
      ]),
    );
    expect(await jobs()).toEqual(before);
    const state = async () =>
      (await app.dataSource.query('SELECT rev, state FROM job_states WHERE job_id = $1', [b.id]))[0];
    expect(await state()).toEqual({ rev: 4, state: { status: 'triggered', triggerCount: 1 } });

    // A restart with the directory still broken: the boot sync refuses too, and says so in /health.
    const db = app.db;
    await app.close({ keepDatabase: true });
    app = await startTestApp({ db, env: { ALERTS_DIR: dir, SCHEDULER_ENABLED: 'false' } });
    expect(await jobs()).toEqual(before);
    expect(await state()).toEqual({ rev: 4, state: { status: 'triggered', triggerCount: 1 } });
    const health = await app.api().get('/health').expect(200);
    expect(health.body.checks.alertsDir.status).toBe('degraded');
    expect(health.body.issues.join('\n')).toMatch(/b\.yaml/);
  });

  it('a name defined twice, or held by an API job, refuses the sync; API jobs are never touched', async () => {
    const { body: api } = await app.api().post('/jobs').send(cleanup('made-by-api')).expect(201);
    write('z.json', [cleanup('file-b')]);
    let answer = await reload();
    expect(answer.problems).toEqual(['z.json[0].name "file-b" is already defined by b.yaml']);
    expect(answer.alertsDir).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 0 });

    write('z.json', [cleanup('made-by-api', 1), cleanup('file-z')]);
    answer = await reload();
    expect(answer.problems).toEqual([
      'job "made-by-api" exists and was created through the API; a file may not redefine it',
    ]);
    expect((await jobs()).map((j) => j.name)).toEqual(['file-a1', 'file-a2', 'file-b', 'made-by-api']);
    const kept = (await jobs()).find((j) => j.name === 'made-by-api')!;
    expect(kept).toMatchObject({ id: api.id, source: 'api', version: 1, config: { runsOlderThanDays: 30 } });
  });

  it('an empty directory removes every file job and no API job; a missing one changes nothing', async () => {
    await app.api().post('/jobs').send(cleanup('made-by-api')).expect(201);
    for (const f of ['a.json', 'b.yaml']) unlinkSync(join(dir, f));
    expect(await reload()).toMatchObject({ problems: [], alertsDir: { created: 0, deleted: 3 } });
    expect((await jobs()).map((j) => [j.name, j.source])).toEqual([['made-by-api', 'api']]);

    write('a.json', cleanup('file-a1'));
    await reload();
    rmSync(dir, { recursive: true, force: true });
    const answer = await reload();
    expect(answer.problems).toEqual([expect.stringMatching(/^ALERTS_DIR .* cannot be read: ENOENT/)]);
    expect((await jobs()).map((j) => j.name)).toEqual(['file-a1', 'made-by-api']);
  });

  it('syncs run at once apply the directory once', async () => {
    write('c.json', [cleanup('file-c1'), cleanup('file-c2')]);
    const answers = await Promise.all([reload(), reload(), reload()]);
    expect(answers.map((a) => a.alertsDir.created).sort()).toEqual([0, 0, 2]);
    expect((await jobs()).map((j) => [j.name, j.version])).toEqual([
      ['file-a1', 1],
      ['file-a2', 1],
      ['file-b', 1],
      ['file-c1', 1],
      ['file-c2', 1],
    ]);
  });
});

/** Two replicas (two whole services) on one real Postgres, both syncing the same directory at boot and at once. */
(SERVER_URL ? describe : describe.skip)('ALERTS_DIR: two replicas syncing one directory', () => {
  let db: TestDatabase;
  let dir: string;
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close({ keepDatabase: true });
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates each job once and agrees on the result', async () => {
    db = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ms-alerts-dir-'));
    const many = Array.from({ length: 200 }, (_, i) =>
      cleanup(`replicated-${String(i).padStart(3, '0')}`, 1 + (i % 9)),
    );
    writeFileSync(join(dir, 'many.json'), JSON.stringify(many));
    const env = { ALERTS_DIR: dir, SCHEDULER_ENABLED: 'false' };
    apps.push(...(await Promise.all([startTestApp({ db, env }), startTestApp({ db, env })])));
    writeFileSync(join(dir, 'many.json'), JSON.stringify(many.map((j, i) => (i < 50 ? cleanup(j.name, 20) : j))));
    const answers = await Promise.all(apps.map((a) => a.api().post('/scheduler/reload').expect(200)));
    expect(answers.map((a) => a.body.alertsDir.updated).sort((x: number, y: number) => x - y)).toEqual([0, 50]);
    expect(answers.every((a) => a.body.problems.length === 0)).toBe(true);
    const rows = await apps[0].dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT name)::int AS names, max(version)::int AS v FROM jobs`,
    );
    expect(rows).toEqual([{ n: 200, names: 200, v: 2 }]);
  });
});
