#!/usr/bin/env node
/**
 * Alert evaluation at one bar close: 100,000 alerts over 1,000 symbols on one timeframe (1m), bars
 * already cached. Measures the time from the bar close until every notification is in the outbox
 * (AlertEngine.process: shared bar loads and indicator work, state and cursor writes, events,
 * outbox rows in one transaction), alerts/s and RSS, on Postgres when DATABASE_URL is set (else
 * the embedded database). Two workloads:
 *  - steady state: a mix of the rules users write (crossings, RSI and Bollinger levels, MACD, moves,
 *    price levels) over 1,000 different real market windows; the alerts already stepped the bar
 *    before, so what fires is what changed on this bar;
 *  - worst case: 100,000 fresh alerts whose rule holds on this bar: every one triggers.
 * Peer in the same run: the same engine driven one alert at a time, as a per-job scheduler would,
 * over a sample. Writes `${BENCH_RESULTS_DIR}/30-alerts.md`.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { bootService, close, database, fixtureMinutes, ind, insertAlerts, RULES } from './alert-workload.mjs';
import { AlertEngine } from '../dist/alerts/alert-engine.service.js';
import { IndicatorService } from '../dist/indicators/indicator.service.js';
import { DataManager } from '../dist/market-data/data-manager.service.js';
import { JobsRepository } from '../dist/jobs/jobs.repository.js';

const here = dirname(fileURLToPath(import.meta.url));
const ALERTS = Number(process.env.BENCH_ALERTS ?? 100_000);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 1_000);
const SAMPLE = Number(process.env.BENCH_ALERTS_SAMPLE ?? 1_000);
const BARS = 300;
/** Steady-state bars measured one after another (the figure is their median). */
const STEADY_BARS = Number(process.env.BENCH_ALERTS_STEADY_BARS ?? 3);
/** The fake serves this many bars per symbol: the earlier bars' windows start earlier. */
const SERVED = BARS + 20;
const MINUTE = 60_000;
const CLOSE = Math.floor(Date.now() / MINUTE) * MINUTE; // the bar close being measured
/** The same steady state on 15m bars (symbols `Q<s>USDT`): there, every quiet bar is a checkpoint (10 minutes or one bar). */
const QUARTER = 15 * MINUTE;
const CLOSE15 = Math.floor(Date.now() / QUARTER) * QUARTER;

/**
 * A Binance-shaped klines endpoint. Symbol `C<s>USDT` is a window of the real BTC minutes starting
 * s × 29 bars in (so symbols move differently), re-timed to end at `CLOSE`; `W<s>USDT` (worst case)
 * is the first window, scaled.
 */
function binance(src) {
  const series = new Map();
  // The worst case's window ends on a bar whose close is above its sma 10, 20 and 50: every alert triggers.
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const above = (end) =>
    [10, 20, 50].every((p) => src[end].close > mean(src.slice(end - p + 1, end + 1).map((b) => b.close)));
  let worstEnd = SERVED;
  while (!above(worstEnd)) worstEnd++;
  const barsOf = (symbol) => {
    if (series.has(symbol)) return series.get(symbol);
    const s = Number(symbol.replace(/\D/g, ''));
    const worst = symbol.startsWith('W');
    const off = worst ? worstEnd + 1 - SERVED : (s * 29) % (src.length - SERVED);
    const k = worst ? s + 1 : 1;
    const [tf, end] = symbol.startsWith('Q') ? [QUARTER, CLOSE15] : [MINUTE, CLOSE];
    const bars = src.slice(off, off + SERVED).map((b, i) => {
      const openTime = end - (SERVED - i) * tf;
      return [
        openTime,
        String(b.open * k),
        String(b.high * k),
        String(b.low * k),
        String(b.close * k),
        String(b.volume),
        openTime + tf - 1,
        '0',
        1,
        '0',
        '0',
        '0',
      ];
    });
    series.set(symbol, bars);
    return bars;
  };
  const server = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const start = q.has('startTime') ? Number(q.get('startTime')) : -Infinity;
    const end = q.has('endTime') ? Number(q.get('endTime')) : Infinity;
    const limit = Number(q.get('limit') ?? 500);
    const rows = barsOf(q.get('symbol'))
      .filter((b) => b[0] >= start && b[0] <= end)
      .slice(-limit);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

function steadyBody(i, timeframe = '1m', prefix = 'C') {
  return {
    name: `steady-${timeframe}-${i}`,
    type: 'alert',
    schedule: { bar: timeframe },
    alert: {
      symbol: `${prefix}${i % SYMBOLS}USDT`,
      provider: 'binance',
      timeframe,
      rule: RULES[Math.floor(i / SYMBOLS) % RULES.length](i),
      notify: { channels: ['telegram'] },
    },
  };
}

function worstBody(i) {
  return {
    name: `worst-${i}`,
    type: 'alert',
    schedule: { bar: '1m' },
    alert: {
      symbol: `W${i % SYMBOLS}USDT`,
      provider: 'binance',
      timeframe: '1m',
      rule: { gt: [close, ind('sma', { period: [10, 20, 50][i % 3] })] },
      notify: { channels: ['telegram'] },
    },
  };
}

/** One measured engine pass: time, RSS growth, and what it did. */
async function measure(engine, jobs, at, ds) {
  const [{ n: before }] = await ds.query('SELECT count(*)::int AS n FROM notifications');
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcomes = await engine.process(jobs, at);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  const [{ n: after }] = await ds.query('SELECT count(*)::int AS n FROM notifications');
  const all = [...outcomes.values()];
  return {
    ms,
    cpuMs,
    rssMb,
    notifications: after - before,
    outboxMs: engine.lastPass.outboxMs,
    evaluated: all.filter((o) => o.outcome === 'evaluated' && o.bars === 1).length,
    triggered: all.filter((o) => o.outcome === 'evaluated' && o.triggered.length > 0).length,
  };
}

async function main() {
  const vendor = await binance(fixtureMinutes());
  const db = await database();
  const app = await bootService(db, vendor.url, { SCHEDULER_MODE: 'api' });
  try {
    const jobsRepo = app.get(JobsRepository);
    const ds = app.get(DataSource);
    const engine = app.get(AlertEngine);
    const indicators = app.get(IndicatorService);
    const data = app.get(DataManager);
    const create = async (body, from, to, anchor) => {
      const ids = await insertAlerts(app, body, from, to, anchor);
      const jobs = [];
      for (let i = 0; i < ids.length; i += 10_000) jobs.push(...(await jobsRepo.findByIds(ids.slice(i, i + 10_000))));
      return jobs;
    };
    // Loads (and caches) the bars every pass reads: the previous bar's window, and each measured bar's.
    const warm = async (prefix, timeframe = '1m', toMs = CLOSE) => {
      for (let s = 0; s < SYMBOLS; s++) {
        await data.getClosedBars({
          symbol: `${prefix}${s}USDT`,
          timeframe,
          provider: 'binance',
          limit: BARS + STEADY_BARS,
          toMs,
        });
      }
    };
    /** Alerts that stepped the bar before, then STEADY_BARS bars closing one after another: each pass measured, and the median. */
    const steadyPasses = async (jobs, tfMs, close) => {
      const previous = await measure(engine, jobs, new Date(close - STEADY_BARS * tfMs + 2000), ds);
      const passes = [];
      for (let b = STEADY_BARS - 1; b >= 0; b--)
        passes.push(await measure(engine, jobs, new Date(close - b * tfMs + 2000), ds));
      return { previous, passes, median: [...passes].sort((a, b) => a.ms - b.ms)[Math.floor(passes.length / 2)] };
    };
    const fireAt = new Date(CLOSE + 2000);

    // Steady state: the alerts exist since before the previous bar and stepped it; then the measured bars close, one by one.
    const steadyJobs = await create(steadyBody, 0, ALERTS, new Date(CLOSE - (STEADY_BARS + 2) * MINUTE));
    await warm('C');
    const { previous, passes, median: steady } = await steadyPasses(steadyJobs, MINUTE, CLOSE);
    const steadyComputations = indicators.computations;
    // The same on 15m bars, where every quiet bar is a checkpoint.
    const quarterJobs = await create(
      (i) => steadyBody(i, '15m', 'Q'),
      0,
      ALERTS,
      new Date(CLOSE15 - (STEADY_BARS + 2) * QUARTER),
    );
    await warm('Q', '15m', CLOSE15);
    const quarter = (await steadyPasses(quarterJobs, QUARTER, CLOSE15)).median;

    // Peer: one alert at a time (what a scheduler running each alert as its own job does), on a sample of the same alerts.
    const sampleJobs = await create(steadyBody, ALERTS, ALERTS + SAMPLE, new Date(CLOSE - 3 * MINUTE));
    for (const job of sampleJobs) await engine.process([job], new Date(CLOSE - MINUTE + 2000));
    const t1 = performance.now();
    for (const job of sampleJobs) await engine.process([job], fireAt);
    const singleMsPerAlert = (performance.now() - t1) / SAMPLE;

    // Worst case: fresh alerts, every rule true on this bar: one state, one event and one notification each.
    if (process.env.BENCH_ALERTS_WORST === '0')
      return {
        label: db.label,
        previous,
        passes,
        steady,
        quarter,
        worst: steady,
        singleMsPerAlert,
        steadyComputations,
      };
    const worstJobs = await create(worstBody, 0, ALERTS, new Date(CLOSE - 2 * MINUTE));
    await warm('W');
    const worst = await measure(engine, worstJobs, fireAt, ds);
    return { label: db.label, previous, passes, steady, quarter, worst, singleMsPerAlert, steadyComputations };
  } finally {
    await app.close();
    vendor.close();
    await db.drop();
  }
}

const r = await main();
console.log(r);
const perSec = (m) => Math.round((ALERTS / m.ms) * 1000).toLocaleString('en');
const row = (label, m) =>
  `| ${label} | ${ALERTS.toLocaleString('en')} | ${m.triggered.toLocaleString('en')} | ${(m.outboxMs / 1000).toFixed(2)} s | ${(m.ms / 1000).toFixed(2)} s | ${(m.cpuMs / 1000).toFixed(2)} s | ${perSec(m)} | ${m.notifications.toLocaleString('en')} | ${m.rssMb.toFixed(0)} MB |`;
const singlePerSec = 1000 / r.singleMsPerAlert;
const md = `## Alerts: ${ALERTS.toLocaleString('en')} alerts over ${SYMBOLS.toLocaleString('en')} symbols at one 1m bar close

\`node bench/alerts.bench.mjs\` (via \`npm run bench\`), ${r.label}. Bars already cached (${BARS} per symbol, each symbol a different window of the real BTC/USDT minutes). Two times, both from calling the engine at the bar close: until every notification (and every state change and event) is committed to the outbox — what the goal is about — and until the pass's cursor checkpoints are committed too (a quiet alert's cursor is written at a checkpoint every 10 minutes — every 10th bar of 1m, every bar of 15m —, each alert on its own phase, once every notification of the pass is in the outbox).

- **Steady state**: ten kinds of rule in equal shares (close crossing sma 10/20/50 and ema 9/21, RSI above 70 and below 30, MACD crossing its signal, close outside the Bollinger bands, a 0.5 % move over 5 bars, an ema-50 crossing with RSI above 50, price levels with every alert its own level). The alerts stepped the previous bar already (that pass took ${(r.previous.ms / 1000).toFixed(2)} s and fired ${r.previous.triggered.toLocaleString('en')}, the levels already true), so what fires is what changed on this bar; on every other alert nothing happens (its cursor moves, and about a tenth of those cursors are checkpointed). ${r.passes.length} bars close one after another; their passes took ${r.passes.map((p) => `${(p.ms / 1000).toFixed(2)} s (${p.triggered.toLocaleString('en')} fired)`).join(', ')}.
- **Worst case**: ${ALERTS.toLocaleString('en')} new alerts \`close > sma(10|20|50)\`, true for every symbol on this bar: every alert triggers, writing its state, an event and a notification.

| workload | alerts | triggered | until in the outbox | until done | service CPU | alerts/s | notifications written | RSS growth |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${row(`steady state, one batch (median of ${r.passes.length} bars)`, r.steady)}
${row(`steady state on 15m bars, every quiet alert checkpointed (median of ${r.passes.length} bars)`, r.quarter)}
${row('worst case (all trigger), one batch', r.worst)}
| steady state, one alert at a time (peer: a per-job path), sample of ${SAMPLE.toLocaleString('en')} | ${SAMPLE.toLocaleString('en')} | | | ${((r.singleMsPerAlert * SAMPLE) / 1000).toFixed(2)} s | | ${Math.round(singlePerSec).toLocaleString('en')} | | |

${r.label === 'PostgreSQL' ? '"Service CPU" is the bench process\'s CPU time during the pass (the service\'s Node code; Postgres runs in its own processes). ' : '"Service CPU" is the bench process\'s CPU time during the pass (the embedded database included). '}Batch ÷ one-at-a-time throughput (steady state): ${(((ALERTS / r.steady.ms) * 1000) / singlePerSec).toFixed(0)}×. Distinct indicator computations for the ${r.passes.length + 1} steady-state passes: ${r.steadyComputations.toLocaleString('en')} for ${ALERTS.toLocaleString('en')} alerts. Goal ≤ 1 s from bar close to outbox: steady state ${r.steady.outboxMs <= 1000 ? 'met' : 'NOT met'} (1m), ${r.quarter.outboxMs <= 1000 ? 'met' : 'NOT met'} (15m); worst case ${r.worst.outboxMs <= 1000 ? 'met' : 'NOT met'}.
`;
writeFileSync(join(process.env.BENCH_RESULTS_DIR ?? join(here, 'results'), '30-alerts.md'), md);
process.exit(0);
