import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The read routes the dashboard needs beside CONTRACT §2: name/state filters, counts, recent failures. */
const alert = (name: string) => ({
  name,
  type: 'alert',
  schedule: { bar: '1h' },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '1h',
    rule: { gt: [{ field: 'close' }, { value: 1 }] },
    notify: { channels: ['telegram'] },
  },
});
const cleanup = (name: string) => ({ name, type: 'cleanup', schedule: { every: 3600 }, cleanup: {} });

describe('dashboard read routes (HTTP, real database)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const body of [alert('btc-Over_1'), alert('eth-over-1'), alert('btc-under'), cleanup('nightly')])
      ids[body.name] = (await t.api().post('/jobs').send(body).expect(201)).body.id;
    await t.api().post(`/jobs/${ids['btc-under']}/pause`).expect(200);
    // btc-under has triggered once (its runs wrote job_states): the state filter must read it there.
    await t.dataSource.query(
      `INSERT INTO job_states (job_id, rev, cursor, state) VALUES ($1, 1, NULL, '{"status":"triggered","triggerCount":1,"consecutiveTrue":1}')`,
      [ids['btc-under']],
    );
  }, 180_000); // the embedded database boots slowly on a loaded machine
  afterAll(async () => {
    await t.close();
  });

  const names = (res: { body: { items: Array<{ name: string }> } }) => res.body.items.map((j) => j.name).sort();

  it('GET /jobs?name= finds by part of the name, case-insensitively, with % and _ taken literally', async () => {
    expect(names(await t.api().get('/jobs?name=BTC').expect(200))).toEqual(['btc-Over_1', 'btc-under']);
    expect(names(await t.api().get('/jobs?name=over_').expect(200))).toEqual(['btc-Over_1']);
    expect(names(await t.api().get('/jobs?name=%25').expect(200))).toEqual([]);
    expect(names(await t.api().get('/jobs?name=btc&enabled=true').expect(200))).toEqual(['btc-Over_1']);
  });

  it('GET /jobs?state= filters by the current state, written by runs or not', async () => {
    expect(names(await t.api().get('/jobs?state=armed').expect(200))).toEqual(['btc-Over_1', 'eth-over-1']);
    expect(names(await t.api().get('/jobs?state=triggered').expect(200))).toEqual(['btc-under']);
    const bad = await t.api().get('/jobs?state=%3Bdrop').expect(400);
    expect(bad.body.message).toEqual(['state must be a state name such as armed or triggered']);
    const long = await t
      .api()
      .get(`/jobs?name=${'x'.repeat(201)}`)
      .expect(400);
    expect(long.body.message[0]).toMatch(/^name /);
  });

  it('GET /jobs/stats counts jobs by type, enabled and state', async () => {
    const res = await t.api().get('/jobs/stats').expect(200);
    expect(res.body).toEqual({
      total: 4,
      enabled: 3,
      byType: {
        alert: { total: 3, enabled: 2, disabled: 1, states: { armed: 2, triggered: 1 } },
        cleanup: { total: 1, enabled: 1, disabled: 0, states: {} },
      },
    });
    expect((await t.anon().get('/jobs/stats')).status).toBe(401);
  });

  it('GET /notifications/stats answers the outbox depth by status', async () => {
    expect((await t.api().get('/notifications/stats').expect(200)).body).toEqual({
      total: 0,
      byStatus: { pending: 0, sent: 0, dead: 0 },
    });
    for (const [status, n] of [
      ['dead', 2],
      ['sent', 1],
    ] as const)
      for (let i = 0; i < n; i++)
        await t.dataSource.query(
          `INSERT INTO notifications (id, idempotency_key, job_id, payload, status, attempts, next_attempt_at, created_at)
           VALUES ($1, $2, $3, '{}', $4, 1, now(), now())`,
          [randomUUID(), `${status}-${i}`, ids['nightly'], status],
        );
    expect((await t.api().get('/notifications/stats').expect(200)).body).toEqual({
      total: 3,
      byStatus: { pending: 0, sent: 1, dead: 2 },
    });
  });

  it('GET /runs?status= lists runs of every job newest first with the job name, paged; /runs/instances the replicas', async () => {
    const run = (jobId: string, status: string, minutesAgo: number, instance = 'replica-a') =>
      t.dataSource.query(
        `INSERT INTO job_runs (job_id, scheduled_for, status, attempt, instance_id, started_at, finished_at, error, created_at)
         VALUES ($1, now() - make_interval(mins => $3), $2::varchar, 3, $4, now() - make_interval(mins => $3),
                 now() - make_interval(mins => $3), CASE WHEN $2::varchar = 'succeeded' THEN NULL ELSE 'boom ' || $3 END,
                 now() - make_interval(mins => $3))`,
        [jobId, status, minutesAgo, instance],
      );
    await run(ids['nightly'], 'failed', 3);
    await run(ids['btc-Over_1'], 'timedOut', 2, 'replica-b');
    await run(ids['nightly'], 'succeeded', 1);
    await run(ids['eth-over-1'], 'failed', 1);
    const page1 = await t.api().get('/runs?status=failed,timedOut&limit=2').expect(200);
    expect(page1.body.items.map((r: any) => [r.jobName, r.status, r.error, r.attempt])).toEqual([
      ['eth-over-1', 'failed', 'boom 1', 3],
      ['btc-Over_1', 'timedOut', 'boom 2', 3],
    ]);
    const page2 = await t.api().get(`/runs?status=failed,timedOut&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: any) => r.jobName)).toEqual(['nightly']);
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.api().get('/runs').expect(200)).body.items).toHaveLength(4);
    const bad = await t.api().get('/runs?status=failed,broken').expect(400);
    expect(bad.body.message[0]).toMatch(/^status /);
    const instances = await t.api().get('/runs/instances?withinMinutes=60').expect(200);
    expect(instances.body.items.map((i: any) => [i.instanceId, i.runs])).toEqual([
      ['replica-a', 3],
      ['replica-b', 1],
    ]);
    await t.api().get('/runs/instances?withinMinutes=0').expect(400);
  });
});
