import type { Bar } from '../../src/base/domain/bar.js';
import { freshDatabase, sql, SERVER_URL, type TestDatabase } from '../support/database.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { btcusdt1m, FakeBinanceServer } from '../fakes/vendors/index.js';

/** Real processes on one real Postgres (the embedded database serves one process by design). */
const onServer = SERVER_URL ? describe : describe.skip;

const MINUTE = 60_000;
const KLINES = '/api/v3/klines';

interface RunRow {
  id: string;
  status: string;
  attempt: number;
  instance_id: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describeState?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${describeState ? `\n${describeState()}` : ''}`,
      );
    await sleep(250);
  }
}

/** Real BTCUSDT 1m bars moved so that they end a few minutes from now (the fake has no clock: it serves them all). */
function barsEndingNow(count: number, aheadMinutes = 10): Bar[] {
  const src = btcusdt1m().slice(-count);
  const lastOpen = Math.floor(Date.now() / MINUTE) * MINUTE + aheadMinutes * MINUTE;
  return src.map((b, i) => {
    const openTime = lastOpen - (count - 1 - i) * MINUTE;
    return { ...b, openTime, closeTime: openTime + MINUTE - 1 };
  });
}

onServer('crash recovery and graceful shutdown (real processes, real Postgres, fake Binance)', () => {
  let db: TestDatabase;
  let fake: FakeBinanceServer;
  const started: ServiceProcess[] = [];

  const runsOf = (jobId: string) =>
    sql<RunRow>(db.url!, 'SELECT * FROM job_runs WHERE job_id = $1 ORDER BY scheduled_for', [jobId]);
  const runById = async (id: string) => (await sql<RunRow>(db.url!, 'SELECT * FROM job_runs WHERE id = $1', [id]))[0];

  async function replica(): Promise<{ proc: ServiceProcess; instanceId: string }> {
    const proc = await startServiceProcess({
      DATABASE_URL: db.url!,
      BINANCE_BASE_URL: fake.baseUrl,
      YAHOO_BASE_URL: fake.baseUrl, // never the internet, whatever the failover chain tries
      PROVIDER_PRIORITY: 'binance',
      SCHEDULER_MAX_WORKERS: '4',
    });
    started.push(proc);
    const status = await proc.call('GET', '/scheduler/status');
    expect(status.status).toBe(200);
    expect(typeof status.body.instanceId).toBe('string');
    return { proc, instanceId: status.body.instanceId };
  }

  async function createDataSync(via: ServiceProcess, name: string, symbol: string): Promise<string> {
    const res = await via.call('POST', '/jobs', {
      name,
      type: 'dataSync',
      dataSync: { symbols: [symbol], timeframes: ['1m'], lookbackBars: 50 },
      schedule: { every: 3600 }, // never fires by itself within this file
      retry: { maxAttempts: 2, backoffSeconds: 1 },
      timeoutSeconds: 600,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** Triggers the job on `proc` and waits until its run is running there with a klines request hanging at the fake. */
  async function triggerHanging(proc: ServiceProcess, instanceId: string, jobId: string): Promise<RunRow> {
    const before = fake.requestCount(KLINES);
    const trig = await proc.call('POST', `/jobs/${jobId}/trigger`);
    expect(trig.status).toBe(202);
    const runId: string = trig.body.id;
    await waitFor(
      'the triggered run to reach the (hanging) fake',
      async () => (fake.requestCount(KLINES) > before ? true : undefined),
      10_000,
      proc.output,
    );
    const run = await runById(runId);
    expect(run).toMatchObject({ id: runId, status: 'running', attempt: 1, instance_id: instanceId });
    return run;
  }

  beforeAll(async () => {
    db = await freshDatabase();
    fake = new FakeBinanceServer();
    await fake.start();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop('SIGKILL')));
    await fake?.stop();
    await db?.drop();
  });

  it('a run whose replica is killed with SIGKILL is taken over by another replica once its lease expires, as the same run record', async () => {
    fake.failAlways({ kind: 'hang' });
    const a = await replica();
    const jobId = await createDataSync(a.proc, 'sync-killed', 'BTCUSDT');
    const run = await triggerHanging(a.proc, a.instanceId, jobId);

    const killedAt = Date.now();
    await a.proc.stop('SIGKILL');
    expect(a.proc.child.signalCode).toBe('SIGKILL');
    // The orphan stays `running` under A's (now expiring) lease: nobody is there to renew or finish it.
    expect(await runById(run.id)).toMatchObject({ status: 'running', instance_id: a.instanceId });

    fake.recover().setBars('BTCUSDT', '1m', barsEndingNow(200));
    const servedBefore = fake.requestCount(KLINES);
    const b = await replica();
    expect(b.instanceId).not.toBe(a.instanceId);

    // Lease ≤ 30 s after A's last heartbeat, then B's upkeep (every 2 s) takes it over.
    const done = await waitFor(
      'B to take over and finish the orphaned run',
      async () => {
        const r = await runById(run.id);
        return r.status === 'running' ? undefined : r;
      },
      60_000 - (Date.now() - killedAt),
      () => `run: ${JSON.stringify(b.proc.output().slice(-3000))}`,
    );
    const tookMs = Date.now() - killedAt;
    console.log(`SIGKILL → run taken over and succeeded on B after ${tookMs} ms`);

    expect(done).toMatchObject({ id: run.id, status: 'succeeded', attempt: 2, instance_id: b.instanceId, error: null });
    expect(new Date(done.finished_at!).getTime()).toBeGreaterThanOrEqual(killedAt);
    expect(tookMs).toBeGreaterThanOrEqual(20_000); // not before the lease could have run out (A renewed it every ~2 s)
    expect(tookMs).toBeLessThan(45_000);
    expect(fake.requestCount(KLINES)).toBeGreaterThan(servedBefore); // B really ran it against the recovered fake
    const rows = await runsOf(jobId);
    expect(rows.map((r) => r.id)).toEqual([run.id]); // a takeover is a further attempt of that record, never a new one
    const [bars] = await sql<{ n: number }>(db.url!, `SELECT count(*)::int AS n FROM bars WHERE symbol = 'BTCUSDT'`);
    expect(bars.n).toBeGreaterThan(0); // the taken-over attempt did the job's work

    expect(await b.proc.stop('SIGTERM')).toBe(0);
  }, 90_000);

  it('SIGTERM drains: no new fire times are claimed, the run in flight finishes, then the process exits 0', async () => {
    fake.failAlways({ kind: 'hang' });
    const c = await replica();
    const every = await c.proc.call('POST', '/jobs', {
      name: 'every-second',
      type: 'cleanup',
      schedule: { every: 1 },
      misfire: { graceSeconds: 0, policy: 'skip' },
      overlap: 'allow',
    });
    expect(every.status).toBe(201);
    await waitFor(
      'C to claim fire times of the every-second job',
      async () => {
        const [{ n }] = await sql<{ n: number }>(
          db.url!,
          'SELECT count(*)::int AS n FROM job_runs WHERE job_id = $1 AND instance_id = $2',
          [every.body.id, c.instanceId],
        );
        return n >= 2 ? n : undefined;
      },
      10_000,
    ); // so that "no claims after SIGTERM" below means something
    const jobId = await createDataSync(c.proc, 'sync-drained', 'ETHUSDT'); // a series the store does not hold yet
    const run = await triggerHanging(c.proc, c.instanceId, jobId);
    const hungAt = Date.now(); // the hung klines request times out 10 s after it was sent

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      c.proc.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    const signalAt = Date.now();
    c.proc.child.kill('SIGTERM');
    await sleep(500);
    // The hung request fails on its own timeout; the provider's retry then reaches the recovered fake.
    fake.recover().setBars('ETHUSDT', '1m', barsEndingNow(200));

    await sleep(2_500);
    expect(Date.now() - hungAt).toBeLessThan(8_000); // so the run cannot have finished yet
    expect(c.proc.child.exitCode).toBeNull(); // still draining: the run is in flight
    expect((await runById(run.id)).status).toBe('running');

    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([exited, new Promise<null>((r) => (timer = setTimeout(() => r(null), 45_000)))]);
    clearTimeout(timer);
    if (!exit) throw new Error(`C did not exit within 45 s of SIGTERM:\n${c.proc.output().slice(-3000)}`);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });

    const finished = await runById(run.id);
    expect(finished).toMatchObject({
      id: run.id,
      status: 'succeeded',
      attempt: 1,
      instance_id: c.instanceId,
      error: null,
    });
    expect(new Date(finished.finished_at!).getTime()).toBeGreaterThan(signalAt);
    expect(new Date(finished.finished_at!).getTime()).toBeLessThanOrEqual(exit.at);
    expect((await runsOf(jobId)).map((r) => r.id)).toEqual([run.id]);

    const late = await sql(
      db.url!,
      `SELECT job_id, scheduled_for, status FROM job_runs
      WHERE instance_id = $1 AND scheduled_for > $2`,
      [c.instanceId, new Date(signalAt + 1_500)],
    );
    expect(late).toEqual([]);
    const leftRunning = await sql(
      db.url!,
      `SELECT id FROM job_runs WHERE instance_id = $1 AND status IN ('running', 'queued')`,
      [c.instanceId],
    );
    expect(leftRunning).toEqual([]);
    console.log(`SIGTERM → exit ${exit.at - signalAt} ms`);
  }, 90_000);
});
