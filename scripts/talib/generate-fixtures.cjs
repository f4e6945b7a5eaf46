#!/usr/bin/env node
/**
 * Generates the TA-Lib reference fixtures in test/fixtures/talib/*.json, which
 * src/indicators/core/talib-reference.spec.ts checks our indicators against. Run by hand; the
 * output is committed, so the tests never need the native binding.
 *
 * The `talib` npm binding (TA-Lib C 0.4 via node-gyp) is installed OUTSIDE the repo because it
 * does not build inside it:
 *
 *   mkdir -p /work/talib-ref && cd /work/talib-ref && npm init -y
 *   npm install --ignore-scripts talib@2.0.5
 *   cd node_modules/talib
 *   # the package ships prebuilt macOS arm64 objects; drop them and build TA-Lib for this machine
 *   find src/lib/temp -name '*.o' -delete && rm -f src/lib/lib/*.a && node src/lib/build.js
 *   for f in src/lib/lib/*.a; do ranlib "$f"; done
 *   node-gyp rebuild            # add --nodedir=/usr when the node headers are local only
 *
 * Then, from the repo root:
 *   TALIB_PATH=/work/talib-ref/node_modules/talib node scripts/talib/generate-fixtures.cjs
 *
 * Inputs: the real series of test/fixtures/series (SPY daily in full; the first 6,000 bars of BTC 1m).
 * Output per series: { series, csv, bars, cases: [{ indicator, params, talib, begIdx, outputs }] },
 * where outputs[name] holds TA-Lib's values from begIdx to the last bar (12 significant digits, far below the 1e-9 tolerance).
 * Not used as references: MACD signalPeriod 1 (TA-Lib's EMA lookback rejects period 1, so MACD
 * returns begIdx slow−2 and an uninitialised first value) and SMA/EMA/WMA/RSI/ADX/CCI/BBANDS
 * period 1 (outside TA-Lib's accepted range). Our period-1 behaviour is covered by the contract test.
 * VWAP has no TA-Lib function: its expected values come from a direct per-bar re-summation over the
 * bar's UTC day, independent of the streaming code.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const talib = require(process.env.TALIB_PATH || '/work/talib-ref/node_modules/talib');
const DATA_DIR = process.env.DATA_DIR || path.join(__dirname, '..', '..', 'test', 'fixtures', 'series');
const OUT_DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'talib');

const SERIES = [
  { id: 'spy_1d', csv: 'spy_1d_1999-2020.csv', bars: Infinity },
  { id: 'btcusdt_1m', csv: 'btcusdt_1m_binanceus_2023-03.csv', bars: 6000 },
];

/** [indicator, our params, TA-Lib function, TA-Lib options, { our output: TA-Lib output }] */
const single = { value: 'outReal' };
const CASES = [
  ...[30, 5, 200].map((p) => ['sma', { period: p }, 'SMA', { optInTimePeriod: p }, single]),
  ...[30, 12, 100].map((p) => ['ema', { period: p }, 'EMA', { optInTimePeriod: p }, single]),
  ...[30, 10].map((p) => ['wma', { period: p }, 'WMA', { optInTimePeriod: p }, single]),
  ...[14, 2, 50].map((p) => ['rsi', { period: p }, 'RSI', { optInTimePeriod: p }, single]),
  ...[14, 1, 5].map((p) => ['atr', { period: p }, 'ATR', { optInTimePeriod: p }, single]),
  ...[14, 7, 30].map((p) => ['adx', { period: p }, 'ADX', { optInTimePeriod: p }, single]),
  ...[14, 20].map((p) => ['cci', { period: p }, 'CCI', { optInTimePeriod: p }, single]),
  ...[10, 1, 30].map((p) => ['roc', { period: p }, 'ROC', { optInTimePeriod: p }, single]),
  ...[
    [12, 26, 9],
    [5, 35, 5],
    [26, 12, 2],
  ].map(([f, s, g]) => [
    'macd',
    { fastPeriod: f, slowPeriod: s, signalPeriod: g },
    'MACD',
    { optInFastPeriod: f, optInSlowPeriod: s, optInSignalPeriod: g },
    { macd: 'outMACD', signal: 'outMACDSignal', histogram: 'outMACDHist' },
  ]),
  ...[
    [20, 2],
    [10, 1.5],
  ].map(([p, k]) => [
    'bbands',
    { period: p, stdDev: k },
    'BBANDS',
    { optInTimePeriod: p, optInNbDevUp: k, optInNbDevDn: k, optInMAType: 0 },
    { upper: 'outRealUpperBand', middle: 'outRealMiddleBand', lower: 'outRealLowerBand' },
  ]),
  ...[
    [14, 3, 3],
    [5, 1, 3],
    [21, 5, 4],
  ].map(([k, s, d]) => [
    'stoch',
    { kPeriod: k, kSlowing: s, dPeriod: d },
    'STOCH',
    { optInFastK_Period: k, optInSlowK_Period: s, optInSlowK_MAType: 0, optInSlowD_Period: d, optInSlowD_MAType: 0 },
    { k: 'outSlowK', d: 'outSlowD' },
  ]),
  ['obv', {}, 'OBV', {}, single],
];

function readCsv(file, limit) {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(1);
  const rows = lines.slice(0, Math.min(lines.length, limit)).map((l) => l.split(','));
  return {
    time: rows.map((r) => Date.parse(r[0])),
    open: rows.map((r) => Number(r[1])),
    high: rows.map((r) => Number(r[2])),
    low: rows.map((r) => Number(r[3])),
    close: rows.map((r) => Number(r[4])),
    volume: rows.map((r) => Number(r[5])),
  };
}

const round = (x) => Number(x.toPrecision(12));

function runTalib(d, name, opts, outputs) {
  const r = talib.execute({
    name,
    startIdx: 0,
    endIdx: d.close.length - 1,
    open: d.open,
    high: d.high,
    low: d.low,
    close: d.close,
    volume: d.volume,
    inReal: d.close,
    ...opts,
  });
  if (r.error) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  const out = {};
  for (const [ours, theirs] of Object.entries(outputs)) out[ours] = r.result[theirs].map(round);
  return { begIdx: r.begIndex, outputs: out };
}

/** VWAP anchored to the UTC day, re-summed from the session's first bar for every bar. */
function referenceVwap(d) {
  const day = d.time.map((t) => Math.floor(t / 86400000));
  const values = [];
  let start = 0;
  for (let i = 0; i < day.length; i++) {
    if (i > 0 && day[i] !== day[i - 1]) start = i;
    let pv = 0;
    let v = 0;
    for (let j = start; j <= i; j++) {
      pv += ((d.high[j] + d.low[j] + d.close[j]) / 3) * d.volume[j];
      v += d.volume[j];
    }
    values.push(v > 0 ? round(pv / v) : null);
  }
  return { begIdx: 0, outputs: { value: values } };
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const s of SERIES) {
  const d = readCsv(path.join(DATA_DIR, s.csv), s.bars);
  const cases = CASES.map(([indicator, params, name, opts, outputs]) => ({
    indicator,
    params,
    talib: { name, ...opts },
    ...runTalib(d, name, opts, outputs),
  }));
  cases.push({ indicator: 'vwap', params: { anchor: 'day' }, talib: null, ...referenceVwap(d) });
  const file = path.join(OUT_DIR, `${s.id}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ series: s.id, csv: s.csv, bars: d.close.length, talibVersion: talib.version, cases }),
  );
  console.log(`${file}: ${cases.length} cases, ${(fs.statSync(file).size / 1e6).toFixed(2)} MB`);
}
