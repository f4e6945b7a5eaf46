/**
 * What the alert benchmarks share (not a benchmark itself: run.mjs runs *.bench.mjs): the real
 * minutes they replay, a scratch database, the service booted on it, alerts inserted in bulk, and
 * the mix of rules the alerts are made of.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../dist/app.module.js';
import { loadConfig } from '../dist/config/app-config.js';
import { readOhlcvCsv } from '../dist/base/series/csv-series.js';
import { JobSpecParser } from '../dist/jobs/job-spec.js';
import { JobsRepository } from '../dist/jobs/jobs.repository.js';
import { AlertHandler } from '../dist/alerts/alert.handler.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's real BTC/USDT minutes (test/fixtures/series; MARKET_DATA_DIR overrides the folder). */
export function fixtureMinutes() {
  return readOhlcvCsv(
    join(
      process.env.MARKET_DATA_DIR ?? join(here, '..', 'test', 'fixtures', 'series'),
      'btcusdt_1m_binanceus_2023-03.csv',
    ),
    '1m',
  );
}

/** The service from dist on `db` with Binance at `binanceUrl` as its only provider; `env` adds or overrides. */
export async function bootService(db, binanceUrl, env) {
  const config = loadConfig({
    ...db.env,
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    BINANCE_BASE_URL: binanceUrl,
    PROVIDER_PRIORITY: 'binance',
    LOG_LEVEL: 'error',
    ...env,
  });
  return NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
}

/** Inserts alerts `body(from)`..`body(to - 1)` in statements of 5,000, as a bulk create does; answers their ids. */
export async function insertAlerts(app, body, from, to, anchor = new Date()) {
  const parser = app.get(JobSpecParser);
  const jobs = app.get(JobsRepository);
  const handler = app.get(AlertHandler);
  const ids = [];
  for (let i = from; i < to; i += 5000) {
    const specs = [];
    for (let j = i; j < Math.min(to, i + 5000); j++)
      specs.push({ spec: parser.parse(body(j)), state: handler.initialState() });
    ids.push(...(await jobs.insertMany(specs, anchor)));
  }
  return ids;
}

/** A database of its own: a fresh one on the server at DATABASE_URL (dropped after), else an embedded one in a temporary directory. */
export async function database() {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'ms-bench-'));
    return {
      label: 'embedded PGlite',
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
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
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`),
  };
}

const close = { field: 'close' };
const ind = (indicator, params, output) => ({ indicator, params, ...(output ? { output } : {}) });
export { close, ind };

/** The rules users write, in rough proportion: crossings, oscillator and band levels, momentum, price levels. */
export const RULES = [
  (i) => ({ crossesAbove: [close, ind('sma', { period: [10, 20, 50][i % 3] })] }),
  (i) => ({ crossesBelow: [close, ind('ema', { period: [9, 21][i % 2] })] }),
  () => ({ gt: [ind('rsi', { period: 14 }), { value: 70 }] }),
  () => ({ lt: [ind('rsi', { period: 14 }), { value: 30 }] }),
  () => ({ crossesAbove: [ind('macd', {}, 'macd'), ind('macd', {}, 'signal')] }),
  () => ({ gt: [close, ind('bbands', { period: 20 }, 'upper')] }),
  () => ({ lt: [close, ind('bbands', { period: 20 }, 'lower')] }),
  () => ({ movesUpPct: [close, { value: 0.5 }], bars: 5 }),
  () => ({
    and: [{ crossesAbove: [close, ind('ema', { period: 50 })] }, { gt: [ind('rsi', { period: 14 }), { value: 50 }] }],
  }),
  // Price levels: every alert its own level (no two alerts of a symbol share this rule).
  (i) => ({ gt: [close, { value: 20_000 + (i % 9_973) }] }),
];
