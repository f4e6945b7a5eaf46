#!/usr/bin/env node
/**
 * Alert evaluation at one bar close: 100,000 alerts over 1,000 symbols on one timeframe (1m), bars
 * already cached. Measures the time from the bar close until every notification is in the outbox
 * (AlertEngine.process: shared bar loads and indicator work, state writes, events, outbox rows in
 * one transaction), alerts/s and RSS, on the embedded database (and Postgres when DATABASE_URL is
 * set). Peer in the same run: the same engine driven one alert at a time, as a per-job scheduler
 * would, over a sample. Writes `${BENCH_RESULTS_DIR}/30-alerts.md`.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../dist/app.module.js';
import { loadConfig } from '../dist/config/app-config.js';
import { readOhlcvCsv } from '../dist/common/csv-series.js';
import { AlertEngine } from '../dist/alerts/alert-engine.service.js';
import { DataManager } from '../dist/market-data/data-manager.service.js';
import { JobSpecParser } from '../dist/jobs/job-spec.js';
import { JobsRepository } from '../dist/jobs/jobs.repository.js';
import { AlertHandler } from '../dist/alerts/alert.handler.js';

const here = dirname(fileURLToPath(import.meta.url));
const ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 1_000);
const SAMPLE = Number(process.env.BENCH_ALERTS_SAMPLE ?? 1_000);
const BARS = 300;
const MINUTE = 60_000;
const CLOSE = Math.floor(Date.now() / MINUTE) * MINUTE; // the bar close being measured

/** A Binance-shaped klines endpoint: every symbol gets the real BTC minutes, scaled, re-timed to end at CLOSE. */
function binance(base) {
  const server = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const k = Number(q.get('symbol').replace(/\D/g, '')) + 1;
    const start = q.has('startTime') ? Number(q.get('startTime')) : -Infinity;
    const end = q.has('endTime') ? Number(q.get('endTime')) : Infinity;
    const limit = Number(q.get('limit') ?? 500);
    const rows = base.filter((b) => b.openTime >= start && b.openTime <= end && b.closeTime < CLOSE).slice(-limit)
      .map((b) => [b.openTime, String(b.open * k), String(b.high * k), String(b.low * k), String(b.close * k), String(b.volume), b.closeTime, '0', 1, '0', '0', '0']);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

async function database() {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'ms-bench-'));
    return { label: 'embedded PGlite', env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ms_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => { const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { label: 'PostgreSQL', env: { DATABASE_URL: url.toString() }, drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
}

function alertBody(i) {
  const symbol = `C${i % SYMBOLS}USDT`;
  const period = [10, 20, 50][i % 3];
  return {
    name: `bench-${i}`, type: 'alert', schedule: { bar: '1m' },
    alert: { symbol, provider: 'binance', timeframe: '1m', rule: { gt: [{ field: 'close' }, { indicator: 'sma', params: { period } }] }, notify: { channels: ['telegram'] } },
  };
}

async function main() {
  const src = readOhlcvCsv(join(process.env.MARKET_DATA_DIR ?? join(here, '..', '..', 'shared', 'data'), 'btcusdt_1m_binanceus_2023-03.csv'), '1m').slice(0, BARS);
  const base = src.map((b, i) => ({ ...b, openTime: CLOSE - (BARS - i) * MINUTE, closeTime: CLOSE - (BARS - i) * MINUTE + MINUTE - 1 }));
  const vendor = await binance(base);
  const db = await database();
  const config = loadConfig({ ...db.env, ADMIN_TOKEN: 'bench-admin-token-0123456789', BINANCE_BASE_URL: vendor.url, PROVIDER_PRIORITY: 'binance', SCHEDULER_MODE: 'api', LOG_LEVEL: 'error' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const parser = app.get(JobSpecParser);
    const jobsRepo = app.get(JobsRepository);
    const handler = app.get(AlertHandler);
    const anchor = new Date(CLOSE - 2 * MINUTE);
    for (let i = 0; i < ALERTS; i += 5000) {
      const specs = [];
      for (let j = i; j < Math.min(ALERTS, i + 5000); j++) { const spec = parser.parse(alertBody(j)); specs.push({ spec, state: handler.initialState() }); }
      await jobsRepo.insertMany(specs, anchor);
    }
    const jobs = await app.get(DataSource).getRepository('JobEntity').find({ order: { name: 'ASC' } });
    const data = app.get(DataManager);
    for (let s = 0; s < SYMBOLS; s++) await data.getClosedBars({ symbol: `C${s}USDT`, timeframe: '1m', provider: 'binance', limit: 300, toMs: CLOSE });
    const engine = app.get(AlertEngine);
    const fireAt = new Date(CLOSE + 2000);

    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const outcomes = await engine.process(jobs, fireAt);
    const batchMs = performance.now() - t0;
    const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
    const [{ n: outbox }] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM notifications');
    const evaluated = [...outcomes.values()].filter((o) => o.outcome === 'evaluated').length;

    // Peer: one alert at a time (what a scheduler running each alert as its own job does), on a sample of fresh alerts.
    const sample = [];
    for (let j = ALERTS; j < ALERTS + SAMPLE; j++) sample.push({ spec: parser.parse(alertBody(j)), state: handler.initialState() });
    const ids = await jobsRepo.insertMany(sample, anchor);
    const sampleJobs = await Promise.all(ids.map((id) => jobsRepo.findById(id)));
    const t1 = performance.now();
    for (const job of sampleJobs) await engine.process([job], fireAt);
    const singleMsPerAlert = (performance.now() - t1) / SAMPLE;
    return { label: db.label, batchMs, evaluated, outbox, rssMb, singleMsPerAlert, indicatorComputations: engine.shared.computed };
  } finally {
    await app.close();
    vendor.close();
    await db.drop();
  }
}

const r = await main();
console.log(r);
const perSec = (r.evaluated / r.batchMs) * 1000;
const md = `## Alerts: ${ALERTS.toLocaleString('en')} alerts over ${SYMBOLS.toLocaleString('en')} symbols at one 1m bar close

\`node bench/alerts.bench.mjs\` (via \`npm run bench\`), ${r.label}. Bars already cached (300 per symbol); each alert is \`close > sma(10|20|50)\`, a level rule that holds for every symbol on this bar, so every alert triggers: the worst case, one state change, one event and one notification each. Time is from calling the engine at the bar close until every state, event and notification row is committed.

| path | alerts | time | alerts/s | notifications written | RSS growth |
|---|---:|---:|---:|---:|---:|
| AlertEngine, one batch (shared bars and indicators, bulk writes) | ${r.evaluated} | ${(r.batchMs / 1000).toFixed(2)} s | ${Math.round(perSec).toLocaleString('en')} | ${r.outbox} | ${r.rssMb.toFixed(0)} MB |
| same engine, one alert at a time (peer: a per-job path), sample of ${SAMPLE} | ${SAMPLE} | ${(r.singleMsPerAlert * SAMPLE / 1000).toFixed(2)} s | ${Math.round(1000 / r.singleMsPerAlert).toLocaleString('en')} | | |

Batch ÷ one-at-a-time throughput: ${(perSec / (1000 / r.singleMsPerAlert)).toFixed(1)}×. Distinct indicator computations in the batch: ${r.indicatorComputations} for ${ALERTS.toLocaleString('en')} alerts. Goal ≤ 1 s for the batch: ${r.batchMs <= 1000 ? 'met' : 'NOT met'}.
`;
writeFileSync(join(process.env.BENCH_RESULTS_DIR ?? join(here, 'results'), '30-alerts.md'), md);
process.exit(0);
