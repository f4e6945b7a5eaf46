import { freshDatabase, sql, SERVER_URL, type TestDatabase } from '../support/database.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/** Several replicas need a real server: the embedded database serves one process by design. */
const onServer = SERVER_URL ? describe : describe.skip;

onServer('three replicas on one database (real processes, real Postgres)', () => {
  let db: TestDatabase;
  let replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const env = { DATABASE_URL: db.url!, SCHEDULER_MAX_WORKERS: '8' };
    replicas = await Promise.all([0, 1, 2].map(() => startServiceProcess(env)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await db?.drop();
  });

  it('runs every (job, scheduledFor) exactly once while all three fire every second for a minute', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => ({
      name: `every-second-${i}`,
      type: 'cleanup',
      schedule: { every: 1 },
      misfire: { graceSeconds: 0, policy: 'skip' },
      overlap: 'allow',
    }));
    const created = await replicas[0].call('POST', '/jobs/bulk', { jobs });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, 60_000));
    expect((await replicas[1].call('POST', '/scheduler/pause')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3_000)); // runs in flight finish; nothing new is claimed

    const dupes = await sql(
      db.url!,
      'SELECT job_id, scheduled_for, count(*)::int AS n FROM job_runs GROUP BY 1, 2 HAVING count(*) <> 1',
    );
    expect(dupes).toEqual([]);
    const perJob = await sql<{ job_id: string; n: number; first: Date; last: Date; bad: number }>(
      db.url!,
      `
      SELECT job_id, count(*)::int AS n, min(scheduled_for) AS first, max(scheduled_for) AS last,
             count(*) FILTER (WHERE status <> 'succeeded')::int AS bad
        FROM job_runs WHERE trigger = 'schedule' GROUP BY job_id`,
    );
    expect(perJob).toHaveLength(10);
    for (const j of perJob) {
      const expected = (new Date(j.last).getTime() - new Date(j.first).getTime()) / 1000 + 1;
      expect({ job: j.job_id, runs: j.n, notSucceeded: j.bad }).toEqual({
        job: j.job_id,
        runs: expected,
        notSucceeded: 0,
      });
      expect(j.n).toBeGreaterThanOrEqual(55);
    }
    const instances = await sql<{ instance_id: string; n: number }>(
      db.url!,
      'SELECT instance_id, count(*)::int AS n FROM job_runs GROUP BY 1',
    );
    expect(instances).toHaveLength(3); // every replica took part
    const late = await sql<{ p99: number }>(
      db.url!,
      `
      SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS p99 FROM job_runs`,
    );
    expect(late[0].p99).toBeLessThan(0.5);
  }, 120_000);
});
