#!/usr/bin/env node
/**
 * 10,000 alerts on 100 symbols of 1 s bars, end to end on the real clock: bar close → the notify
 * endpoint's POST. The service (booted from dist, mode `all`) is measured twice on a fresh
 * database each time:
 *   - polling: `{"bar": "1s", "delaySeconds": 0}`, every closed bar fetched from a Binance-shaped
 *     REST server on loopback (the Binance client keeps to its weight budget of 20 requests/s);
 *   - stream: the same alerts with a Binance-shaped kline WebSocket server on loopback that sends
 *     each closed 1 s kline at the second (BINANCE_WS_URL), the closed bar going into the cache.
 * Each symbol is a window of the real BTC/USDT minutes re-timed to seconds. Latency is the POST's
 * arrival at the sink minus the bar's close, over the bars that close in the measured window;
 * "drift" is the median latency of its last 10 s minus that of its first 10 s (a service that
 * falls behind drifts by the measured seconds). Writes `${BENCH_RESULTS_DIR}/37-alerts-1s.md`.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { bootService, database, fixtureMinutes, insertAlerts, RULES } from './alert-workload.mjs';
import { SchedulerService } from '../dist/scheduler/scheduler.service.js';
import { AlertStreamTrigger } from '../dist/alerts/alert-stream.trigger.js';

const here = dirname(fileURLToPath(import.meta.url));
const ALERTS = Number(process.env.BENCH_1S_ALERTS ?? 10_000);
const SYMBOLS = Number(process.env.BENCH_1S_SYMBOLS ?? 100);
const SECONDS = Number(process.env.BENCH_1S_SECONDS ?? 60);
const WARMUP_S = 10;
const SECOND = 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Bar of symbol index `s` opening at `open` (ms): the real minutes, one per second, each symbol its own offset. */
function barOf(src, s, open) {
  const b = src[(((s * 29 + open / SECOND) % src.length) + src.length) % src.length];
  return { open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
}

/** GET /api/v3/klines for C<s>USDT 1s bars, closed ones only (the forming second is not served). */
function restVendor(src) {
  const server = createServer((req, res) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const s = Number((q.get('symbol') ?? '').replace(/\D/g, ''));
    const nowOpen = Math.floor(Date.now() / SECOND) * SECOND;
    const limit = Number(q.get('limit') ?? 500);
    const end = Math.min(q.has('endTime') ? Number(q.get('endTime')) : Infinity, nowOpen - 1);
    const start = q.has('startTime') ? Number(q.get('startTime')) : -Infinity;
    const rows = [];
    for (let open = Math.floor(end / SECOND) * SECOND; open >= start && rows.length < limit; open -= SECOND) {
      const b = barOf(src, s, open);
      const o = [String(b.open), String(b.high), String(b.low), String(b.close), String(b.volume)];
      rows.push([open, ...o, open + SECOND - 1, '0', 1, '0', '0', '0']);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(rows.reverse()));
  });
  return listen(server);
}

/** `/stream`: SUBSCRIBE answered, and every second the closed 1 s kline of each subscribed symbol. */
async function streamVendor(src) {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/stream' });
  const subs = new Map();
  wss.on('connection', (ws) => {
    subs.set(ws, new Set());
    ws.on('close', () => subs.delete(ws));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      const set = subs.get(ws);
      for (const p of msg.params ?? []) {
        if (msg.method === 'SUBSCRIBE') set.add(p);
        else set.delete(p);
      }
      ws.send(JSON.stringify({ result: null, id: msg.id }));
    });
  });
  let timer;
  const tick = () => {
    const now = Date.now();
    const open = Math.floor(now / SECOND) * SECOND - SECOND; // the bar that just closed
    for (const [ws, set] of subs) {
      for (const stream of set) {
        const symbol = stream.split('@')[0].toUpperCase();
        const b = barOf(src, Number(symbol.replace(/\D/g, '')), open);
        const k = {
          t: open,
          T: open + SECOND - 1,
          s: symbol,
          i: '1s',
          o: String(b.open),
          h: String(b.high),
          l: String(b.low),
          c: String(b.close),
          v: String(b.volume),
          x: true,
        };
        ws.send(JSON.stringify({ stream, data: { e: 'kline', E: now, s: symbol, k } }));
      }
    }
    timer = setTimeout(tick, SECOND - (Date.now() % SECOND) + 2);
  };
  timer = setTimeout(tick, SECOND - (Date.now() % SECOND) + 2);
  const l = await listen(server, 'ws');
  return { ...l, close: () => (clearTimeout(timer), wss.close(), l.close()) };
}

/** The notify endpoint: records, for each POST, its arrival minus the close of the bar it is about. */
function sink() {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString());
      const close = Date.parse(body.bar.closeTime) + 1;
      seen.push({ close, latency: at - close });
      res.writeHead(200).end('{}');
    });
  });
  return listen(server).then((l) => ({ ...l, seen }));
}

function listen(server, scheme = 'http') {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `${scheme}://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

const body = (i) => ({
  name: `s1-${i}`,
  type: 'alert',
  schedule: { bar: '1s', delaySeconds: 0 },
  alert: {
    symbol: `C${i % SYMBOLS}USDT`,
    provider: 'binance',
    timeframe: '1s',
    lookbackBars: 120,
    rule: RULES[Math.floor(i / SYMBOLS) % RULES.length](i),
    notify: { channels: ['telegram'] },
  },
});

const pct = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const median = (xs) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function measure(mode, src, rest) {
  const stream = mode === 'stream' ? await streamVendor(src) : null;
  const notify = await sink();
  const db = await database();
  const app = await bootService(db, rest.url, {
    BINANCE_WS_URL: stream ? stream.url : 'off',
    NOTIFY_URL: notify.url,
    SCHEDULER_MODE: 'all',
  });
  try {
    await insertAlerts(app, body, 0, ALERTS);
    await app.get(SchedulerService).reload();
    if (stream) app.get(AlertStreamTrigger).refresh();
    const from = Math.ceil(Date.now() / SECOND) * SECOND + WARMUP_S * SECOND;
    const to = from + SECONDS * SECOND;
    await sleep(to - Date.now() + 5 * SECOND); // what closes in the window has had 5 s to arrive
    await app.get(SchedulerService).setPaused(true);
    const inWindow = notify.seen.filter((n) => n.close > from && n.close <= to);
    const lat = inWindow.map((n) => n.latency).sort((a, b) => a - b);
    const first = inWindow.filter((n) => n.close <= from + 10 * SECOND).map((n) => n.latency);
    const last = inWindow.filter((n) => n.close > to - 10 * SECOND).map((n) => n.latency);
    return {
      mode,
      label: db.label,
      notifications: inWindow.length,
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      max: lat.at(-1) ?? NaN,
      drift: median(last) - median(first),
      streamStats: stream ? app.get(AlertStreamTrigger).counts : null,
    };
  } finally {
    await app.close();
    notify.close();
    stream?.close();
    await db.drop();
  }
}

async function main() {
  const src = fixtureMinutes();
  const rest = await restVendor(src);
  try {
    const polling = await measure('polling', src, rest);
    console.log(polling);
    const stream = await measure('stream', src, rest);
    console.log(stream);
    return [polling, stream];
  } finally {
    rest.close();
  }
}

const rows = await main().catch((e) => {
  console.error('bench failed:', e);
  process.exit(1);
});
const s = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const md = `## Alerts on 1 s bars: ${ALERTS.toLocaleString('en')} alerts over ${SYMBOLS} symbols, bar close → notify POST

\`node bench/alerts-1s-stream.bench.mjs\` (via \`npm run bench\`), ${rows[0].label}, one service instance (\`SCHEDULER_MODE=all\`), real clock, ${SECONDS} s measured after ${WARMUP_S} s of warm-up. Every alert is \`{"bar": "1s", "delaySeconds": 0}\` on one of ${SYMBOLS} Binance symbols with the rule mix of the steady-state benchmark; loopback servers stand for Binance's REST API, its kline stream and the notify endpoint. Latency is from the bar's close to the POST's arrival; drift is the median latency of the window's last 10 s minus its first 10 s (flat = keeping up).

| path | notifications | p50 | p99 | max | drift over the window |
|---|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.mode === 'stream' ? 'kline stream (closed bar from the stream, fired at once)' : 'polling (REST at close + 0 s)'} | ${r.notifications.toLocaleString('en')} | ${s(r.p50)} | ${s(r.p99)} | ${s(r.max)} | ${s(r.drift)} |`).join('\n')}

Each alert's bar close is still one claimed \`job_runs\` row (10,000 a second here): the per-series claim of issue 17 is not built yet, and is what the remaining latency is made of.
`;
writeFileSync(join(process.env.BENCH_RESULTS_DIR ?? join(here, 'results'), '37-alerts-1s.md'), md);
process.exit(0);
