#!/usr/bin/env node
/**
 * Alerts through the whole scheduler path, on the real clock: the service (booted from dist, mode
 * `all`) fires every alert at a 1m bar close (+2 s delay), claims each run (a job_runs row, unique
 * on (job, scheduledFor)), hands runs to its workers in batches of up to 1,000, evaluates them
 * with the AlertEngine and records each run's result. A Binance-shaped server on loopback serves
 * each symbol a window of the real BTC/USDT minutes that moves on with the real minute.
 *
 * Measured at the second bar close after the alerts exist (the first one inserts every alert's
 * state row): from the nominal fire time until every run of that fire time has finished, and the
 * notifications written. Postgres when DATABASE_URL is set, else the embedded database.
 * Writes `${BENCH_RESULTS_DIR}/35-alerts-scheduled.md`.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { bootService, database, fixtureMinutes, insertAlerts, RULES } from './alert-workload.mjs';
import { SchedulerService } from '../dist/scheduler/scheduler.service.js';

const here = dirname(fileURLToPath(import.meta.url));
const ALERTS = Number(process.env.BENCH_SCHEDULED_ALERTS ?? 100_000);
/**
 * Few symbols on purpose: at each bar close every symbol's new bar is fetched, and the Binance client
 * keeps to 20 requests/s (its weight budget), so 1,000 symbols would spend some 50 s waiting on the
 * vendor's rate limit. 20 fit in its burst: what is measured is the service's own path.
 */
const SYMBOLS = Number(process.env.BENCH_SCHEDULED_SYMBOLS ?? 20);
const MINUTE = 60_000;
const DELAY_S = 2;

/** Symbol C<s>USDT: the real minutes from s × 29 bars in, one bar per real minute (the last one served is the last closed). */
function binance(src) {
  const server = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const s = Number(q.get('symbol').replace(/\D/g, ''));
    const nowOpen = Math.floor(Date.now() / MINUTE) * MINUTE; // the forming bar: not served
    const limit = Number(q.get('limit') ?? 500);
    const end = Math.min(q.has('endTime') ? Number(q.get('endTime')) : Infinity, nowOpen - 1);
    const start = q.has('startTime') ? Number(q.get('startTime')) : -Infinity;
    const rows = [];
    for (let open = Math.floor(end / MINUTE) * MINUTE; open >= start && rows.length < limit; open -= MINUTE) {
      const b = src[(((s * 29 + open / MINUTE) % src.length) + src.length) % src.length];
      rows.push([
        open,
        String(b.open),
        String(b.high),
        String(b.low),
        String(b.close),
        String(b.volume),
        open + MINUTE - 1,
        '0',
        1,
        '0',
        '0',
        '0',
      ]);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows.reverse()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

const body = (i) => ({
  name: `scheduled-${i}`,
  type: 'alert',
  schedule: { bar: '1m', delaySeconds: DELAY_S },
  alert: {
    symbol: `C${i % SYMBOLS}USDT`,
    provider: 'binance',
    timeframe: '1m',
    lookbackBars: 120,
    rule: RULES[Math.floor(i / SYMBOLS) % RULES.length](i),
    notify: { channels: ['telegram'] },
  },
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until every run of `at` has ended; answers when the last one ended (ms after `at`) and the counts. */
async function runsOf(ds, at) {
  for (;;) {
    const [r] = await ds.query(
      `SELECT count(*)::int AS runs, count(*) FILTER (WHERE status = 'succeeded')::int AS ok,
              count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS open,
              max(finished_at) AS last, count(DISTINCT instance_id)::int AS instances
         FROM job_runs WHERE scheduled_for = $1`,
      [new Date(at)],
    );
    if (r.runs >= ALERTS && r.open === 0) return { ...r, lastMs: new Date(r.last).getTime() - at };
    // The answer comes from finished_at, not from when this sees it: a slow poll keeps its scans off the path measured.
    await sleep(1_000);
  }
}

async function main() {
  const vendor = await binance(fixtureMinutes());
  const db = await database();
  const app = await bootService(db, vendor.url, { SCHEDULER_MODE: 'all' });
  try {
    const ds = app.get(DataSource);
    // Created just after a bar close: the whole minute is left to insert them before the next one.
    while (Date.now() % MINUTE > 5_000) await sleep(500);
    await insertAlerts(app, body, 0, ALERTS);
    await app.get(SchedulerService).reload();
    const first = Math.ceil(Date.now() / MINUTE) * MINUTE + DELAY_S * 1000;
    const warm = await runsOf(ds, first);
    const second = first + MINUTE;
    const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM notifications');
    const measured = await runsOf(ds, second);
    const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM notifications');
    await app.get(SchedulerService).setPaused(true); // nothing more is claimed while the service closes
    return { label: db.label, warm, measured, notifications: after - before };
  } catch (e) {
    console.error('bench failed:', e);
    process.exit(1);
  } finally {
    await app.close();
    vendor.close();
    if (process.env.BENCH_KEEP_DB) console.error('kept', db.env);
    else await db.drop();
  }
}

const r = await main().catch((e) => {
  console.error('bench failed:', e);
  process.exit(1);
});
console.log(r);
const md = `## Alerts through the scheduler: ${ALERTS.toLocaleString('en')} alerts over ${SYMBOLS.toLocaleString('en')} symbols, real clock

\`node bench/alerts-scheduled.bench.mjs\` (via \`npm run bench\`), ${r.label}, one service instance (\`SCHEDULER_MODE=all\`, 4 workers). Every alert is \`schedule: {"bar": "1m", "delaySeconds": ${DELAY_S}}\` with the rule mix of the steady-state benchmark above; a Binance-shaped server on loopback moves each symbol's window of real BTC/USDT minutes on with the real minute. The path measured is the whole one: fire time, a claimed \`job_runs\` row per alert, batches of up to 1,000 runs per worker slot, bars (cached after the first bar), evaluation, state/event/outbox writes, each run's result recorded. Time is from the nominal fire time (bar close + ${DELAY_S} s) until the last run of that fire time finished.

| bar close | runs | succeeded | notifications | last run finished after the fire time |
|---|---:|---:|---:|---:|
| first after creation (every alert's first state write) | ${r.warm.runs.toLocaleString('en')} | ${r.warm.ok.toLocaleString('en')} | | ${(r.warm.lastMs / 1000).toFixed(2)} s |
| the next one (measured) | ${r.measured.runs.toLocaleString('en')} | ${r.measured.ok.toLocaleString('en')} | ${r.notifications.toLocaleString('en')} | ${(r.measured.lastMs / 1000).toFixed(2)} s |
`;
writeFileSync(join(process.env.BENCH_RESULTS_DIR ?? join(here, 'results'), '35-alerts-scheduled.md'), md);
process.exit(0);
