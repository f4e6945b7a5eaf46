#!/usr/bin/env node
/**
 * `npm run demo`: the service on a fresh embedded database, fed by a local Binance-compatible
 * market-data feed that replays the repository's real BTCUSDT minute series
 * (test/fixtures/series) as 1-second bars shifted to "now", with a few example alerts and a local
 * notify endpoint that prints every notification. No network, no configuration: alerts fire
 * within a minute. Ctrl-C stops everything (the demo's data directory is temporary).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERIES = join(root, 'test', 'fixtures', 'series', 'btcusdt_1m_binanceus_2023-03.csv');
const SYMBOL = 'BTCUSDT';
const HISTORY_BARS = 1000; // bars already "closed" when the demo starts: indicator warm-up
const PORT = Number(process.env.PORT ?? 3000);

/** The real series: one row per minute of March 2023, replayed one row per second. */
function loadSeries() {
  const [, ...rows] = readFileSync(SERIES, 'utf8').trim().split('\n');
  return rows.map((line) => {
    const [, open, high, low, close, volume] = line.split(',');
    return { open: +open, high: +high, low: +low, close: +close, volume: +volume };
  });
}

/**
 * GET /api/v3/klines, /exchangeInfo, /ping, /time as Binance answers them, for 1 s bars only: bar i
 * opens at t0 + i s, and only bars closed by now exist (the feed is "live").
 */
function startFeed(rows) {
  const t0 = Math.floor(Date.now() / 1000) * 1000 - HISTORY_BARS * 1000;
  const closedCount = () => Math.min(rows.length, Math.floor((Date.now() - t0) / 1000));
  const kline = (i) => {
    const r = rows[i];
    const open = t0 + i * 1000;
    const quote = r.volume * r.close;
    return [
      open,
      `${r.open}`,
      `${r.high}`,
      `${r.low}`,
      `${r.close}`,
      `${r.volume}`,
      open + 999,
      `${quote}`,
      10,
      `${r.volume / 2}`,
      `${quote / 2}`,
      '0',
    ];
  };
  const json = (res, status, body) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://feed');
    const q = url.searchParams;
    if (url.pathname === '/api/v3/ping') return json(res, 200, {});
    if (url.pathname === '/api/v3/time') return json(res, 200, { serverTime: Date.now() });
    if (url.pathname === '/api/v3/exchangeInfo')
      return json(res, 200, {
        timezone: 'UTC',
        serverTime: Date.now(),
        symbols: [{ symbol: SYMBOL, status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT' }],
      });
    if (url.pathname !== '/api/v3/klines') return json(res, 404, { code: -1, msg: 'not found' });
    if (q.get('symbol') !== SYMBOL) return json(res, 400, { code: -1121, msg: 'Invalid symbol.' });
    if (q.get('interval') !== '1s') return json(res, 200, []); // the demo replays 1 s bars only
    const limit = Math.min(Number(q.get('limit') ?? 500), 1000);
    const n = closedCount();
    const first = q.has('startTime') ? Math.max(0, Math.ceil((Number(q.get('startTime')) - t0) / 1000)) : 0;
    const last = q.has('endTime') ? Math.min(n - 1, Math.floor((Number(q.get('endTime')) - t0) / 1000)) : n - 1;
    const from = q.has('startTime') ? first : Math.max(first, last - limit + 1);
    const out = [];
    for (let i = from; i <= last && out.length < limit; i++) out.push(kline(i));
    json(res, 200, out);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** The notify endpoint (CONTRACT §5): prints each notification once, answers 200. */
function startSink() {
  const seen = new Set();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      try {
        const n = JSON.parse(body);
        if (!seen.has(n.idempotencyKey)) {
          seen.add(n.idempotencyKey);
          const at = new Date().toISOString().slice(11, 19);
          const [bold, plain] = process.stdout.isTTY ? ['\x1b[1m', '\x1b[0m'] : ['', ''];
          process.stdout.write(`\n${bold}[notify ${at}] ${n.jobName}: ${n.message}${plain}\n`);
        }
      } catch {
        // not JSON: still acknowledged, the service would retry otherwise
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/api/notify` }),
    ),
  );
}

const alert = (name, rule, message, extra = {}) => ({
  name,
  type: 'alert',
  schedule: { bar: '1s', delaySeconds: 0 },
  alert: {
    symbol: SYMBOL,
    provider: 'binance',
    timeframe: '1s',
    rule,
    lookbackBars: 300,
    notify: { channels: ['demo'], recipient: 'you', message },
    ...extra,
  },
  retry: { maxAttempts: 1 },
});

const EXAMPLE_ALERTS = [
  alert(
    'btc-close-crosses-sma20',
    { crosses: [{ field: 'close' }, { indicator: 'sma', params: { period: 20 } }] },
    '{{symbol}} {{timeframe}}: close {{bar.close}} crossed the 20-bar SMA ({{values.sma_20}})',
    { rearm: { cooldownSeconds: 20 } },
  ),
  alert(
    'btc-rsi-oversold',
    { crossesBelow: [{ indicator: 'rsi', params: { period: 14 } }, { value: 30 }] },
    '{{symbol}} {{timeframe}}: RSI {{values.rsi_14}} crossed below 30 at {{bar.close}}',
  ),
  alert(
    'btc-rsi-overbought',
    { crossesAbove: [{ indicator: 'rsi', params: { period: 14 } }, { value: 70 }] },
    '{{symbol}} {{timeframe}}: RSI {{values.rsi_14}} crossed above 70 at {{bar.close}}',
  ),
  alert(
    'btc-breaks-upper-band',
    { crossesAbove: [{ field: 'close' }, { indicator: 'bbands', params: { period: 20, stdDev: 2 }, output: 'upper' }] },
    '{{symbol}} {{timeframe}}: close {{bar.close}} broke above the upper Bollinger band {{values.bbands_20_2_upper}}',
  ),
];

async function waitReady(url, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) during boot`);
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'market-scheduler-demo-'));
const feed = await startFeed(loadSeries());
const sink = await startSink();
console.log(`demo: market data ${SYMBOL} 1s replayed at ${feed.url} (real March 2023 minutes, one per second)`);
console.log(`demo: notifications printed by a local endpoint at ${sink.url}`);
console.log(`demo: starting the service on http://localhost:${PORT} (embedded database in ${dataDir}) …\n`);
const child = spawn(process.execPath, [join(root, 'dist', 'main.js')], {
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ADMIN_TOKEN: '',
    BINANCE_BASE_URL: feed.url,
    PROVIDER_PRIORITY: 'binance',
    NOTIFY_URL: sink.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
  stdio: 'inherit',
});

let stopping = false;
const shutdown = (code = 0) => {
  if (stopping) return;
  stopping = true;
  const done = () => {
    feed.server.close();
    sink.server.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  if (child.exitCode !== null) return done();
  child.once('exit', done);
  child.kill('SIGTERM');
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
child.on('exit', (c) => !stopping && (console.error(`the service exited (${c})`), shutdown(1)));

try {
  const url = `http://127.0.0.1:${PORT}`;
  await waitReady(url, child);
  const tokenFile = join(dataDir, 'admin-token');
  const token = readFileSync(tokenFile, 'utf8').trim();
  for (const job of EXAMPLE_ALERTS) {
    const res = await fetch(`${url}/jobs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(job),
    });
    if (res.status !== 201) throw new Error(`creating ${job.name}: ${res.status} ${await res.text()}`);
    console.log(`demo: alert ${job.name} created`);
  }
  console.log(`
demo: ready. Alerts are evaluated on every 1 s bar; notifications appear below within a minute.
  API docs:  http://localhost:${PORT}/docs
  try:       curl -s -H "Authorization: Bearer $(cat ${tokenFile})" http://localhost:${PORT}/jobs
             curl -s -H "Authorization: Bearer $(cat ${tokenFile})" "http://localhost:${PORT}/market-data/bars?symbol=${SYMBOL}&timeframe=1s&limit=3"
  stop:      Ctrl-C
`);
} catch (e) {
  console.error(`demo: ${e.message}`);
  shutdown(1);
}
