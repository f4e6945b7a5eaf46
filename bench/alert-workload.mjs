/**
 * What the alert benchmarks share (not a benchmark itself: run.mjs runs *.bench.mjs): a scratch
 * database, and the mix of rules the alerts of both are made of.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
