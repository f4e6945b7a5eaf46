#!/usr/bin/env node
/**
 * Indicator benchmark: per indicator (default params), over a 1,000,000-bar series (the real BTC
 * 1m series repeated with a drift so it never repeats exactly):
 *   - ours streaming ns/bar (update per bar) and batch ns/bar (computeBatch over columns),
 *   - trading-signals 8.3.0 streaming ns/bar, technicalindicators 3.1.0 ns/bar (both measured on
 *     the first PEER_BARS bars: they are slow enough that 1M bars would take minutes),
 *   - the TA-Lib C binding's batch ns/bar (input arrays prepared outside the timing; "n/a" when the
 *     binding is not installed, see scripts/talib/generate-fixtures.cjs),
 *   - bytes per live instance: heap delta over 10,000 warmed-up instances (needs --expose-gc).
 * Imports the compiled core (npm run build). Writes ${BENCH_RESULTS_DIR}/20-indicators.md.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../dist/indicators/core/index.js';
import { readOhlcvCsv } from '../dist/base/series/csv-series.js';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_BARS ?? 1_000_000);
const PEER_BARS = Math.min(N, Number(process.env.BENCH_PEER_BARS ?? 200_000));
const INSTANCES = 10_000;
const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(here, 'results');

function makeSeries(n) {
  const base = readOhlcvCsv(
    join(
      process.env.MARKET_DATA_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'series'),
      'btcusdt_1m_binanceus_2023-03.csv',
    ),
    '1m',
  );
  const bars = new Array(n);
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    const f = 1 + 0.013 * Math.floor(i / base.length);
    const t = base[0].openTime + i * 60_000;
    bars[i] = {
      openTime: t,
      closeTime: t + 59_999,
      open: b.open * f,
      high: b.high * f,
      low: b.low * f,
      close: b.close * f,
      volume: b.volume,
    };
  }
  return bars;
}

function nsPerBar(fn, bars) {
  fn(Math.min(bars, 50_000)); // JIT warm-up
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    fn(bars);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / bars);
  }
  return best;
}

async function loadPeers() {
  const ts = await import('trading-signals').catch(() => null);
  const ti = await import('technicalindicators').catch(() => null);
  let talib;
  try {
    talib = (await import('talib')).default;
  } catch {
    try {
      talib = createRequire(import.meta.url)(process.env.TALIB_PATH ?? '/work/talib-ref/node_modules/talib');
    } catch {
      talib = null;
    }
  }
  return { ts, ti, talib };
}

const bars = makeSeries(N);
const cols = core.toColumns(bars);
const arr = {
  open: [...cols.close],
  high: [...cols.high],
  low: [...cols.low],
  close: [...cols.close],
  volume: [...cols.volume],
};
const peerArr = Object.fromEntries(Object.entries(arr).map(([k, v]) => [k, v.slice(0, PEER_BARS)]));
const closes = bars.map((b) => b.close);
const { ts, ti, talib } = await loadPeers();

/** Per indicator: trading-signals factory + input, technicalindicators call, TA-Lib call. */
const PEERS = {
  sma: {
    ts: () => new ts.SMA(30),
    tsIn: 'close',
    ti: (a) => ti.SMA.calculate({ period: 30, values: a.close }),
    talib: { name: 'SMA', optInTimePeriod: 30 },
  },
  ema: {
    ts: () => new ts.EMA(30),
    tsIn: 'close',
    ti: (a) => ti.EMA.calculate({ period: 30, values: a.close }),
    talib: { name: 'EMA', optInTimePeriod: 30 },
  },
  wma: {
    ts: () => new ts.WMA(30),
    tsIn: 'close',
    ti: (a) => ti.WMA.calculate({ period: 30, values: a.close }),
    talib: { name: 'WMA', optInTimePeriod: 30 },
  },
  rsi: {
    ts: () => new ts.RSI(14),
    tsIn: 'close',
    ti: (a) => ti.RSI.calculate({ period: 14, values: a.close }),
    talib: { name: 'RSI', optInTimePeriod: 14 },
  },
  macd: {
    ts: () => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)),
    tsIn: 'close',
    ti: (a) =>
      ti.MACD.calculate({
        values: a.close,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
    talib: { name: 'MACD', optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 },
  },
  bbands: {
    ts: () => new ts.BollingerBands(20, 2),
    tsIn: 'close',
    ti: (a) => ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: a.close }),
    talib: { name: 'BBANDS', optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 },
  },
  atr: {
    ts: () => new ts.ATR(14),
    tsIn: 'bar',
    ti: (a) => ti.ATR.calculate({ ...hlc(a), period: 14 }),
    talib: { name: 'ATR', optInTimePeriod: 14 },
  },
  stoch: {
    ts: () => new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 }),
    tsIn: 'bar',
    ti: (a) => ti.Stochastic.calculate({ ...hlc(a), period: 14, signalPeriod: 3 }),
    talib: {
      name: 'STOCH',
      optInFastK_Period: 14,
      optInSlowK_Period: 3,
      optInSlowK_MAType: 0,
      optInSlowD_Period: 3,
      optInSlowD_MAType: 0,
    },
  },
  adx: {
    ts: () => new ts.ADX(14),
    tsIn: 'bar',
    ti: (a) => ti.ADX.calculate({ ...hlc(a), period: 14 }),
    talib: { name: 'ADX', optInTimePeriod: 14 },
  },
  obv: {
    ts: () => new ts.OBV(1),
    tsIn: 'bar',
    ti: (a) => ti.OBV.calculate({ close: a.close, volume: a.volume }),
    talib: { name: 'OBV' },
  },
  vwap: {
    ts: () => new ts.VWAP(),
    tsIn: 'bar',
    ti: (a) => ti.VWAP.calculate({ ...hlc(a), volume: a.volume }),
    talib: null,
  },
  cci: {
    ts: () => new ts.CCI(14),
    tsIn: 'bar',
    ti: (a) => ti.CCI.calculate({ ...hlc(a), period: 14 }),
    talib: { name: 'CCI', optInTimePeriod: 14 },
  },
  roc: {
    ts: () => new ts.ROC(10),
    tsIn: 'close',
    ti: (a) => ti.ROC.calculate({ period: 10, values: a.close }),
    talib: { name: 'ROC', optInTimePeriod: 10 },
  },
};
/** Only the arrays the function reads: the binding marshals every array it is given. */
function talibInputs(name) {
  if (['ATR', 'STOCH', 'ADX', 'CCI'].includes(name)) return hlc(arr);
  if (name === 'OBV') return { inReal: arr.close, volume: arr.volume };
  return { inReal: arr.close };
}
function hlc(a) {
  return { high: a.high, low: a.low, close: a.close };
}

/**
 * A fresh function per indicator (and per peer), so each timed loop has its own monomorphic call
 * site, as a real evaluator holding one indicator type per site would; a shared loop would measure
 * V8's megamorphic dispatch instead of the indicator.
 */
const loop = (method) => new Function('ind', 'xs', 'n', `for (let i = 0; i < n; i++) ind.${method}(xs[i]);`);

function ours(name) {
  const run = loop('update');
  const streaming = nsPerBar((n) => run(core.createIndicator(name, {}), bars, n), N);
  const batch = nsPerBar((n) => core.computeBatch(name, {}, n === N ? cols : core.toColumns(bars.slice(0, n))), N);
  return { streaming, batch };
}

function peerTimes(name) {
  const p = PEERS[name];
  const r = { ts: NaN, ti: NaN, talib: NaN };
  if (ts && p.ts) {
    try {
      const run = loop('add');
      const input = p.tsIn === 'close' ? closes : bars;
      r.ts = nsPerBar((n) => run(p.ts(), input, n), PEER_BARS);
    } catch (e) {
      console.warn(`trading-signals ${name}: ${e.message}`);
    }
  }
  if (ti && p.ti) {
    try {
      r.ti = nsPerBar(() => p.ti(peerArr), PEER_BARS);
    } catch (e) {
      console.warn(`technicalindicators ${name}: ${e.message}`);
    }
  }
  if (talib && p.talib) {
    const inputs = talibInputs(p.talib.name);
    r.talib = nsPerBar((n) => talib.execute({ startIdx: 0, endIdx: n - 1, ...inputs, ...p.talib }), N);
  }
  return r;
}

function bytesPerInstance(name) {
  if (typeof global.gc !== 'function') return NaN;
  const warm = bars.slice(0, 100);
  const keep = new Array(INSTANCES);
  global.gc();
  global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let k = 0; k < INSTANCES; k++) {
    const ind = core.createIndicator(name, {});
    for (const b of warm) ind.update(b);
    keep[k] = ind;
  }
  global.gc();
  global.gc();
  const bytes = (process.memoryUsage().heapUsed - before) / INSTANCES;
  if (keep.length !== INSTANCES) throw new Error('unreachable');
  return bytes;
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${(b / a).toFixed(1)}×` : 'n/a');
const SLOW = new Set(['stoch', 'adx']);
const rows = [];
for (const name of core.INDICATOR_NAMES) {
  const o = ours(name);
  const p = peerTimes(name);
  const mem = bytesPerInstance(name);
  const goal = SLOW.has(name) ? 120 : 60;
  const row = { name, ...o, ...p, mem, goal };
  rows.push(row);
  console.log(
    `${name.padEnd(7)} stream ${f(o.streaming)} ns  batch ${f(o.batch)} ns  trading-signals ${f(p.ts)}  technicalindicators ${f(p.ti)}  talib ${f(p.talib)}  ${f(mem, 0)} B`,
  );
}

const lines = [
  '## Indicators',
  '',
  `Default params, ${N.toLocaleString('en-US')} bars (BTC/USDT 1m repeated with drift); peers' streaming/JS figures over the first ${PEER_BARS.toLocaleString('en-US')} bars. ` +
    'Best of 3 runs after a JIT warm-up. "×" columns: how many times slower the peer is than ours (streaming vs trading-signals and technicalindicators, batch vs TA-Lib; below 1 means the peer is faster). ' +
    `Memory: heap delta per live instance over ${INSTANCES.toLocaleString('en-US')} instances warmed with 100 bars. TA-Lib figures go through the \`talib\` 2.0.5 node binding (array marshalling included).`,
  '',
  '| indicator | ours stream ns/bar | ours batch ns/bar | trading-signals ns/bar | × | technicalindicators ns/bar | × | TA-Lib C batch ns/bar | batch ours/TA-Lib | bytes/instance | stream goal |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${f(r.streaming)} | ${f(r.batch)} | ${f(r.ts)} | ${ratio(r.streaming, r.ts)} | ${f(r.ti)} | ${ratio(r.streaming, r.ti)} | ${f(r.talib)} | ` +
      `${Number.isFinite(r.talib) ? (r.batch / r.talib).toFixed(2) : 'n/a'} | ${f(r.mem, 0)} | ${r.streaming <= r.goal ? '✓' : '✗'} ≤ ${r.goal} |`,
  ),
  '',
];
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, '20-indicators.md'), lines.join('\n'));
console.log(`written ${join(resultsDir, '20-indicators.md')}`);
