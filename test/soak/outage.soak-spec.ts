import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DisposableCluster } from '../support/pg-cluster.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

/**
 * `npm run soak` (SOAK_SECONDS, default 180): 3 replicas of `node dist/main.js` on one disposable
 * PostgreSQL cluster, `http` jobs firing every second at a loopback endpoint, and faults from a
 * seeded script: kill -9 of a replica, SIGTERM of a replica, `pg_terminate_backend` of every
 * connection, the endpoint answering 503 or hanging, and a Postgres restart. At the end (jobs
 * paused, one lease waited out) every fire time of every job must have exactly one run record,
 * none left running or queued, and the endpoint's idempotency keys are counted for missing and
 * repeated calls. Figures go to test-artifacts/soak-figures.json (RELIABILITY.md quotes them).
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const JOBS = Number(process.env.SOAK_JOBS ?? 6);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The platform the `http` jobs call: counts each Idempotency-Key; its mood is set by the fault script. */
class Endpoint {
  readonly seen = new Map<string, number>();
  mood: 'ok' | '503' | 'hang' = 'ok';
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (this.mood === 'hang') return void setTimeout(() => res.destroy(), 15_000);
        if (this.mood === '503') return void res.writeHead(503).end('busy');
        const key = String(req.headers['idempotency-key']);
        this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** A small seeded generator: the same SOAK_SEED gives the same fault script. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('soak: replicas, kills, SIGTERM, killed connections, a Postgres restart', () => {
  it(
    'every fire time has exactly one run record; nothing is left running; endpoint calls counted',
    async () => {
      const cluster = await DisposableCluster.create();
      const url = await cluster.createDatabase('soak');
      const endpoint = new Endpoint();
      await endpoint.start();
      const env = {
        DATABASE_URL: url,
        HTTP_JOB_ALLOWED_HOSTS: '127.0.0.1',
        SCHEDULER_MAX_WORKERS: '8',
        SHUTDOWN_GRACE: '10',
        DB_POOL_SIZE: '5',
      };
      const replicas: ServiceProcess[] = [];
      const events: Array<{ at: number; what: string }> = [];
      const t0 = Date.now();
      const log = (what: string) => events.push({ at: Math.round((Date.now() - t0) / 1000), what });
      const random = seeded(Number(process.env.SOAK_SEED ?? 42));
      let recoverySeconds: number | null = null;
      /** Seconds from `since` until some run finishes after it: the service works again. */
      const secondsUntilRunsFinishAfter = async (since: number): Promise<number | null> => {
        for (let i = 0; i < 120; i++) {
          const [row] = await cluster
            .query<{ n: string }>(
              `SELECT count(*) AS n FROM job_runs WHERE finished_at > $1`,
              [new Date(since)],
              'soak',
            )
            .catch(() => [{ n: '0' }]);
          if (Number(row.n) > 0) return Math.round((Date.now() - since) / 100) / 10;
          await sleep(250);
        }
        return null;
      };
      try {
        for (let i = 0; i < 3; i++) replicas.push(await startServiceProcess(env));
        const ids: string[] = [];
        for (let i = 0; i < JOBS; i++) {
          const res = await replicas[0].call('POST', '/jobs', {
            name: `soak-${i}`,
            type: 'http',
            schedule: { every: 1 },
            misfire: { policy: 'backfill', graceSeconds: 600 },
            retry: { maxAttempts: 5, backoffSeconds: 1 },
            timeoutSeconds: 5,
            http: { method: 'POST', url: `http://127.0.0.1:${endpoint.port}/hook`, body: { n: i } },
          });
          expect(res.status).toBe(201);
          ids.push(res.body.id);
        }
        log(`${JOBS} jobs every 1 s on 3 replicas`);

        const end = t0 + SECONDS * 1000;
        let restarted = false;
        while (Date.now() < end) {
          await sleep(8_000 + random() * 8_000);
          if (Date.now() >= end) break;
          const roll = random();
          const pick = Math.floor(random() * replicas.length);
          if (!restarted && Date.now() > t0 + (SECONDS * 1000) / 2) {
            restarted = true;
            log('Postgres restart: stop (fast)');
            await cluster.stop();
            await sleep(10_000);
            await cluster.start();
            const back = Date.now();
            log('Postgres restart: started again after 10 s');
            recoverySeconds = await secondsUntilRunsFinishAfter(back);
            log(`first run finished ${recoverySeconds} s after Postgres was back`);
          } else if (roll < 0.3) {
            log(`kill -9 replica ${pick}`);
            replicas[pick].child.kill('SIGKILL');
            replicas[pick] = await startServiceProcess(env);
            log(`replica ${pick} replaced`);
          } else if (roll < 0.5) {
            log(`SIGTERM replica ${pick}`);
            const code = await replicas[pick].stop('SIGTERM');
            log(
              `replica ${pick} exited ${code}${/Cannot use a pool/.test(replicas[pick].output()) ? ' WITH POOL ERROR' : ''}`,
            );
            replicas[pick] = await startServiceProcess(env);
          } else if (roll < 0.7) {
            log(`pg_terminate_backend: ${await cluster.terminate()} connections killed`);
          } else {
            endpoint.mood = roll < 0.85 ? '503' : 'hang';
            log(`endpoint ${endpoint.mood} for 5 s`);
            await sleep(5_000);
            endpoint.mood = 'ok';
          }
        }
        // Stop firing: pause every job, then let retries, takeovers (one lease) and backfills settle.
        const stopAt = Date.now();
        for (const id of ids) await replicas[0].call('POST', `/jobs/${id}/pause`);
        log('jobs paused');
        for (let i = 0; i < 90; i++) {
          const [row] = await cluster.query<{ n: string }>(
            `SELECT count(*) AS n FROM job_runs WHERE status IN ('running', 'queued')`,
            [],
            'soak',
          );
          if (Number(row.n) === 0) break;
          await sleep(1_000);
        }
        const settledS = Math.round((Date.now() - stopAt) / 1000);
        const poolErrors = replicas.filter((r) => /Cannot use a pool/.test(r.output())).length;
        for (const r of replicas) await r.stop('SIGTERM');

        const jobs = await cluster.query<{ id: string; anchor_at: Date }>('SELECT id, anchor_at FROM jobs', [], 'soak');
        const runs = await cluster.query<{
          job_id: string;
          scheduled_for: Date;
          status: string;
          attempt: number;
          error: string | null;
        }>('SELECT job_id, scheduled_for, status, attempt, error FROM job_runs', [], 'soak');
        // Fire times expected: every second after the anchor, up to the last one recorded (pausing ends it).
        let expected = 0;
        let missing = 0;
        for (const j of jobs) {
          const mine = runs.filter((r) => r.job_id === j.id).map((r) => new Date(r.scheduled_for).getTime());
          const first = new Date(j.anchor_at).getTime() + 1000;
          const last = Math.max(...mine);
          const have = new Set(mine);
          for (let t = first; t <= last; t += 1000) {
            expected += 1;
            if (!have.has(t)) missing += 1;
          }
        }
        const byStatus: Record<string, number> = {};
        const skippedWhy: Record<string, number> = {};
        const attempts: Record<string, number> = {};
        for (const r of runs) {
          byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
          attempts[r.attempt] = (attempts[r.attempt] ?? 0) + 1;
          if (r.status === 'skipped') {
            const why = (r.error ?? '').split(':')[0];
            skippedWhy[why] = (skippedWhy[why] ?? 0) + 1;
          }
        }
        const succeededKeys = runs
          .filter((r) => r.status === 'succeeded')
          .map((r) => `${r.job_id}:${new Date(r.scheduled_for).toISOString()}`);
        const uncalled = succeededKeys.filter((k) => !endpoint.seen.has(k)).length;
        const repeated = [...endpoint.seen.values()].filter((n) => n > 1).length;
        const figures = {
          seconds: SECONDS,
          jobs: JOBS,
          expectedFireTimes: expected,
          runRecords: runs.length,
          missingRecords: missing,
          byStatus,
          skippedWhy,
          attempts,
          stuckRunningOrQueued: (byStatus.running ?? 0) + (byStatus.queued ?? 0),
          settledSecondsAfterPause: settledS,
          recoverySecondsAfterPostgresRestart: recoverySeconds,
          endpointKeys: endpoint.seen.size,
          succeededButNeverCalled: uncalled,
          keysCalledMoreThanOnce: repeated,
          poolErrors,
          events,
        };
        mkdirSync('test-artifacts', { recursive: true });
        writeFileSync('test-artifacts/soak-figures.json', JSON.stringify(figures, null, 2));
        console.log(JSON.stringify(figures, null, 2));
        expect(missing).toBe(0);
        expect(figures.stuckRunningOrQueued).toBe(0);
        expect(uncalled).toBe(0);
        expect(poolErrors).toBe(0);
        expect(recoverySeconds).not.toBeNull();
        expect(recoverySeconds!).toBeLessThan(30); // within one lease of the database coming back
      } finally {
        for (const r of replicas) await r.stop('SIGKILL').catch(() => undefined);
        await endpoint.close();
        await cluster.destroy();
      }
    },
    (SECONDS + 600) * 1000,
  );
});
