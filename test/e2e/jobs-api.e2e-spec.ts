import { startTestApp, type TestApp } from '../support/test-app.js';

const cleanupJob = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'cleanup',
  schedule: { cron: '0 3 * * *', timezone: 'America/New_York' },
  cleanup: { runsOlderThanDays: 7 },
  ...extra,
});

describe('jobs API (HTTP, real database, real migrations)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without the admin token on every admin route, and serves probes without it', async () => {
    for (const [method, path] of [
      ['get', '/jobs'],
      ['post', '/jobs'],
      ['get', '/scheduler/status'],
      ['post', '/scheduler/reload'],
      ['get', '/scheduler/config'],
    ] as const) {
      const res = await t.anon()[method](path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(Array.isArray(res.body.message)).toBe(true);
    }
    const wrong = await t.anon().get('/jobs').set('Authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(401);
    expect((await t.anon().get('/health/ready')).status).toBe(200);
    expect((await t.anon().get('/health/live')).status).toBe(200);
    const metrics = await t.anon().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('market_scheduler_fires_claimed_total');
  });

  it('creates a job (201) with defaults, nextRunAt, and gets it back', async () => {
    const res = await t.api().post('/jobs').send(cleanupJob('nightly-cleanup'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'nightly-cleanup',
      type: 'cleanup',
      enabled: true,
      status: 'active',
      retry: { maxAttempts: 3, backoffSeconds: 5 },
      misfire: { graceSeconds: 300, policy: 'runOnce' },
      overlap: 'skip',
      timeoutSeconds: 300,
      cleanup: { runsOlderThanDays: 7, barsOlderThanDays: 365 },
    });
    expect(res.body.nextRunAt).toMatch(/T0[78]:00:00\.000Z$/); // 03:00 New York is 07:00Z (EDT) or 08:00Z (EST)
    const got = await t.api().get(`/jobs/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
  });

  it('answers 409 for a name that exists, and stores nothing', async () => {
    await t.api().post('/jobs').send(cleanupJob('dup')).expect(201);
    const res = await t
      .api()
      .post('/jobs')
      .send(cleanupJob('dup', { schedule: { every: 60 } }));
    expect(res.status).toBe(409);
    const list = await t.api().get('/jobs?limit=500');
    expect(list.body.items.filter((j: { name: string }) => j.name === 'dup')).toHaveLength(1);
  });

  it('rejects bad bodies with 400 naming every field path, and never stores them', async () => {
    const res = await t
      .api()
      .post('/jobs')
      .send({
        name: '',
        type: 'cleanup',
        schedule: { cron: '61 * * * *' },
        retry: { maxAttempts: 0, backoffSeconds: 1 },
        misfire: { graceSeconds: 10, policy: 'sometimes' },
        bogus: 1,
        cleanup: { runsOlderThanDays: -1 },
      });
    expect(res.status).toBe(400);
    const text = res.body.message.join('\n');
    expect(text).toMatch(/^name must be longer than or equal to 1 characters/m);
    expect(text).toMatch(/^schedule\.cron/m);
    expect(text).toMatch(/^retry\.maxAttempts must not be less than 1/m);
    expect(text).toMatch(/^misfire\.policy must be one of/m);
    expect(text).toMatch(/bogus should not exist/);
    expect(text).toMatch(/^cleanup\.runsOlderThanDays must be an integer/m);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const bad = [
      [{ ...cleanupJob('x'), schedule: { every: 60, cron: '* * * * *' } }, /^schedule/m],
      [{ ...cleanupJob('x'), type: 'teleport' }, /^type must be one of/m],
      [{ ...cleanupJob('x'), dataSync: { symbols: ['A'] } }, /dataSync is not allowed for a job of type cleanup/],
      [{ ...cleanupJob('x'), timeoutSeconds: 1.5 }, /^timeoutSeconds must be an integer/m],
      [{ ...cleanupJob('x'), name: 'n'.repeat(201) }, /^name must be shorter than or equal to 200/m],
    ] as const;
    for (const [body, pattern] of bad) {
      const r = await t.api().post('/jobs').send(body);
      expect({ status: r.status, message: r.body.message.join('\n') }).toEqual({
        status: 400,
        message: expect.stringMatching(pattern),
      });
    }
    const list = await t.api().get('/jobs?limit=500');
    expect(list.body.items.map((j: { name: string }) => j.name)).not.toContain('x');
  });

  it('answers 400 for malformed JSON, a malformed id or a limit over 500, 404 for an unknown id, 413 for a big body', async () => {
    const malformed = await t.api().post('/jobs').set('Content-Type', 'application/json').send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['request body is not valid JSON']);
    expect((await t.api().get('/jobs/not-a-uuid')).status).toBe(400);
    expect((await t.api().get('/jobs?limit=501')).status).toBe(400);
    const unknown = await t.api().get('/jobs/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const big = await t
      .api()
      .post('/jobs')
      .send({ ...cleanupJob('big'), padding: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
  });

  it('pages through jobs with a cursor, filters by type and enabled', async () => {
    for (let i = 0; i < 7; i++)
      await t
        .api()
        .post('/jobs')
        .send(cleanupJob(`page-${i}`, { enabled: i % 2 === 0 }))
        .expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ name: string }>; nextCursor: string | null } } = await t
        .api()
        .get(`/jobs?type=cleanup&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((j) => j.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((n) => n.startsWith('page-'))).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
      'page-5',
      'page-6',
    ]);
    expect(new Set(seen).size).toBe(seen.length);
    const disabled = await t.api().get('/jobs?enabled=false&limit=500').expect(200);
    expect(disabled.body.items.map((j: { name: string }) => j.name).sort()).toEqual(['page-1', 'page-3', 'page-5']);
    expect((await t.api().get('/jobs?cursor=garbage')).status).toBe(400);
  });

  it('replaces, patches (checking the merged job), pauses, resumes and deletes', async () => {
    const { body: job } = await t.api().post('/jobs').send(cleanupJob('editable')).expect(201);
    const put = await t
      .api()
      .put(`/jobs/${job.id}`)
      .send(cleanupJob('editable', { schedule: { every: 120 } }))
      .expect(200);
    expect(put.body.schedule).toEqual({ every: 120 });
    expect(put.body.version).toBe(job.version + 1);
    const patched = await t.api().patch(`/jobs/${job.id}`).send({ overlap: 'queue' }).expect(200);
    expect(patched.body).toMatchObject({ overlap: 'queue', schedule: { every: 120 }, name: 'editable' });
    const badPatch = await t
      .api()
      .patch(`/jobs/${job.id}`)
      .send({ retry: { maxAttempts: 'many' } });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.message.join('\n')).toMatch(/retry\.maxAttempts/);
    expect((await t.api().get(`/jobs/${job.id}`)).body.overlap).toBe('queue');
    const paused = await t.api().post(`/jobs/${job.id}/pause`).expect(200);
    expect(paused.body).toMatchObject({ enabled: false, nextRunAt: null });
    const resumed = await t.api().post(`/jobs/${job.id}/resume`).expect(200);
    expect(resumed.body.enabled).toBe(true);
    expect(resumed.body.nextRunAt).not.toBeNull();
    await t.api().delete(`/jobs/${job.id}`).expect(204);
    expect((await t.api().get(`/jobs/${job.id}`)).status).toBe(404);
    expect((await t.api().delete(`/jobs/${job.id}`)).status).toBe(404);
  });

  it('validates without storing and answers the next five fire times', async () => {
    const res = await t
      .api()
      .post('/jobs/validate')
      .send(cleanupJob('dry-run', { schedule: { bar: '15m', delaySeconds: 2 } }))
      .expect(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.nextRuns).toHaveLength(5);
    for (const at of res.body.nextRuns) expect(at).toMatch(/:(00|15|30|45):02\.000Z$/);
    expect((await t.api().get('/jobs?limit=500')).body.items.map((j: { name: string }) => j.name)).not.toContain(
      'dry-run',
    );
    expect((await t.api().post('/jobs/validate').send({ name: 'v' })).status).toBe(400);
  });

  it('bulk-creates all or nothing, naming every bad item by index', async () => {
    const good = Array.from({ length: 50 }, (_, i) => cleanupJob(`bulk-${i}`, { schedule: { every: 3600 } }));
    const bad = await t
      .api()
      .post('/jobs/bulk')
      .send({ jobs: [...good, { ...cleanupJob('b1'), retry: { maxAttempts: 0, backoffSeconds: 0 } }, { name: 'b2' }] });
    expect(bad.status).toBe(400);
    const msg = bad.body.message.join('\n');
    expect(msg).toMatch(/^jobs\[50\]\.retry\.maxAttempts/m);
    expect(msg).toMatch(/^jobs\[51\]\.type/m);
    expect(
      (await t.api().get('/jobs?limit=500')).body.items.filter((j: { name: string }) => j.name.startsWith('bulk-')),
    ).toHaveLength(0);
    const ok = await t.api().post('/jobs/bulk').send({ jobs: good }).expect(201);
    expect(ok.body.created).toBe(50);
    expect(ok.body.ids).toHaveLength(50);
    const dup = await t
      .api()
      .post('/jobs/bulk')
      .send({ jobs: [cleanupJob('fresh-1'), cleanupJob('bulk-3')] });
    expect(dup.status).toBe(409);
    expect((await t.api().get('/jobs?limit=500')).body.items.map((j: { name: string }) => j.name)).not.toContain(
      'fresh-1',
    );
  });

  it('shows the effective configuration with secrets redacted', async () => {
    const res = await t.api().get('/scheduler/config').expect(200);
    expect(JSON.stringify(res.body)).not.toContain('test-admin-token-0123456789');
    expect(res.body.adminToken).toBe('[redacted]');
    expect(res.body.scheduler).toMatchObject({ mode: 'all', maxWorkers: 4 });
  });
});
