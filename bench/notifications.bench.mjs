#!/usr/bin/env node
/**
 * Outbox delivery rate: N notifications (default 20,000) enqueued in one transaction with
 * enqueueMany, then delivered by the service's own dispatcher (booted from dist through Nest, as
 * in production) to a local HTTP endpoint that answers 200 at once. Measures enqueue rows/s and
 * end-to-end deliveries/s (claim, POST, outcome recorded), on the embedded database and, when
 * DATABASE_URL is set, on that Postgres. Writes `${BENCH_RESULTS_DIR}/40-notifications.md`.
 */
import 'reflect-metadata';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../dist/app.module.js';
import { loadConfig } from '../dist/config/app-config.js';
import { NotificationsRepository } from '../dist/notifications/notifications.repository.js';
import { NotificationDispatcher, MAX_IN_FLIGHT } from '../dist/notifications/notification-dispatcher.js';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_NOTIFICATIONS ?? 20_000);
const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(here, 'results');

/** The receiving endpoint, in a worker thread: its own event loop, as a separate service would have. */
const SINK = `
  const { parentPort } = require('node:worker_threads');
  const { createServer } = require('node:http');
  const keys = new Map();
  let received = 0;
  const server = createServer((req, res) => {
    const key = req.headers['idempotency-key'];
    req.resume();
    req.on('end', () => {
      received += 1;
      keys.set(key, (keys.get(key) ?? 0) + 1);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (m) => {
    if (m === 'reset') { keys.clear(); received = 0; parentPort.postMessage({ ok: true }); }
    if (m === 'stats') parentPort.postMessage({ received, duplicates: [...keys.values()].filter((c) => c > 1).length });
  });
`;

async function endpoint() {
  const worker = new Worker(SINK, { eval: true });
  const ask = (msg) =>
    new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(msg);
    });
  const { port } = await new Promise((resolve) => worker.once('message', resolve));
  return {
    url: `http://127.0.0.1:${port}/notify`,
    reset: () => ask('reset'),
    stats: () => ask('stats'),
    close: () => worker.terminate(),
  };
}

async function freshPostgres() {
  const name = `ms_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function input(jobId, i) {
  const open = Date.parse('2020-01-01T00:00:00Z') + i * 60_000;
  return {
    jobId,
    jobName: 'bench',
    symbol: 'BTCUSDT',
    timeframe: '1m',
    provider: 'binance',
    bar: {
      openTime: new Date(open).toISOString(),
      closeTime: new Date(open + 59_999).toISOString(),
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      volume: 10,
    },
    values: { rsi_14: 28.7 },
    message: `BTCUSDT 1m: RSI 28.7 crossed below 30 (#${i})`,
    channels: ['telegram'],
    recipient: 'chat-42',
    priority: 'high',
    triggeredAt: new Date(open + 62_000).toISOString(),
  };
}

async function run(label, env, sink) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ms-bench-notify-'));
  const config = loadConfig({
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    NOTIFY_URL: sink.url,
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'], bodyParser: false });
  await app.init();
  try {
    const ds = app.get(DataSource);
    const repo = app.get(NotificationsRepository);
    const dispatcher = app.get(NotificationDispatcher);
    const [job] = await ds.query(`INSERT INTO jobs (name, type, schedule, retry, timeout_seconds, misfire)
      VALUES ('bench', 'cleanup', '{"every": 86400}', '{"maxAttempts":1,"backoffSeconds":0}', 60, '{"graceSeconds":0,"policy":"skip"}') RETURNING id`);
    const inputs = Array.from({ length: N }, (_, i) => input(job.id, i));
    await sink.reset();
    await dispatcher.stop(); // enqueue timing alone, then deliver from a full outbox
    const t0 = performance.now();
    const keys = await ds.transaction((em) => repo.enqueueMany(em, inputs));
    const enqueueMs = performance.now() - t0;
    if (keys.length !== N) throw new Error(`enqueued ${keys.length} of ${N}`);
    const t1 = performance.now();
    dispatcher.start();
    dispatcher.kick();
    for (;;) {
      await dispatcher.whenIdle();
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const deliverMs = performance.now() - t1;
    const [{ sent }] = await ds.query(`SELECT count(*)::int AS sent FROM notifications WHERE status = 'sent'`);
    const { received, duplicates } = await sink.stats();
    return {
      label,
      enqueuePerS: N / (enqueueMs / 1000),
      deliverPerS: N / (deliverMs / 1000),
      deliverMs,
      sent,
      received,
      duplicates,
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const sink = await endpoint();
const results = [await run('embedded (PGlite)', {}, sink)];
if (process.env.DATABASE_URL) {
  const db = await freshPostgres();
  try {
    results.push(await run('PostgreSQL', { DATABASE_URL: db.url }, sink));
  } finally {
    await db.drop();
  }
}
await sink.close();

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const lines = [
  '## Notification outbox delivery',
  '',
  `${fmt(N)} notifications enqueued in one transaction (\`enqueueMany\`), then delivered by the service's dispatcher`,
  `(booted from dist, ${MAX_IN_FLIGHT} deliveries in flight, outcomes recorded in batches) to a local HTTP endpoint (a worker thread) answering 200 at once.`,
  'Delivery time runs from the kick to the last row recorded as sent.',
  '',
  '| database | enqueue rows/s | deliveries/s | delivery time | sent | requests | keys seen twice |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${fmt(r.enqueuePerS)} | ${fmt(r.deliverPerS)} | ${(r.deliverMs / 1000).toFixed(2)} s | ${fmt(r.sent)} | ${fmt(r.received)} | ${r.duplicates} |`,
  ),
  '',
];
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, '40-notifications.md'), lines.join('\n'));
console.log(lines.join('\n'));
process.exit(0);
