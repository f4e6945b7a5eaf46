#!/usr/bin/env node
/**
 * Idle memory of the service on the embedded database, as a user runs it (`node dist/main.js`, no
 * configuration): a first boot (initdb) is stopped, then a second boot on the same DATA_DIR is
 * left idle; its RSS is read from /proc after IDLE_S seconds and split into what it is made of:
 * PGlite's WebAssembly memory (the one anonymous mapping of several GiB reserved), the V8 heap
 * (from /metrics), file-backed pages (node, shared libraries, the WASM module's code) and other
 * anonymous memory (compiled WASM code, malloc, buffers). Writes `${BENCH_RESULTS_DIR}/05-idle-rss.md`.
 * Run alone: `npm run bench -- idle-rss`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = process.env.BENCH_RESULTS_DIR ?? join(here, 'results');
const IDLE_S = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const MAIN = join(here, '..', 'dist', 'main.js');
const MiB = 2 ** 20;

async function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function boot(dataDir) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(100);
  }
  return { child, url, bootMs: Date.now() - started };
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function statusKb(pid, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resident bytes per kind of mapping, from /proc/<pid>/smaps. */
function breakdown(pid) {
  const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const maps = [];
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const [start, end] = [BigInt(`0x${head[1]}`), BigInt(`0x${head[2]}`)];
      maps.push({ start, end, size: Number(end - start), perms: head[3], path: head[5].trim(), rss: 0 });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && maps.length) maps.at(-1).rss += Number(rss[1]) * 1024;
  }
  // V8 reserves each WebAssembly.Memory with GiBs of guard space: its usable part is a read-write
  // anonymous mapping directly followed by an inaccessible one of at least 1 GiB. That is PGlite's heap.
  const anon = maps.filter((m) => !m.path.startsWith('/'));
  const wasmParts = anon.filter(
    (m, i) =>
      m.perms.startsWith('rw') &&
      m.size >= 16 * MiB &&
      anon[i + 1]?.start === m.end &&
      anon[i + 1].perms.startsWith('---') &&
      anon[i + 1].size >= 2 ** 30,
  );
  const wasm = wasmParts.length
    ? { rss: wasmParts.reduce((t, m) => t + m.rss, 0), size: wasmParts.reduce((t, m) => t + m.size, 0) }
    : null;
  const sum = (list) => list.reduce((t, m) => t + m.rss, 0);
  return {
    wasmMemory: wasm?.rss ?? 0,
    wasmReserved: wasm?.size ?? 0,
    fileBacked: sum(maps.filter((m) => m.path.startsWith('/'))),
    otherAnon: sum(anon) - (wasm?.rss ?? 0),
  };
}

async function metric(url, name) {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

const dataDir = mkdtempSync(join(tmpdir(), 'ms-idle-rss-'));
try {
  const first = await boot(dataDir);
  const firstRss = statusKb(first.child.pid, 'VmRSS');
  await stop(first.child);

  const second = await boot(dataDir);
  await sleep(IDLE_S * 1000);
  const pid = second.child.pid;
  const rss = statusKb(pid, 'VmRSS');
  const hwm = statusKb(pid, 'VmHWM');
  const parts = breakdown(pid);
  const heapTotal = await metric(second.url, 'market_scheduler_nodejs_heap_size_total_bytes');
  const heapUsed = await metric(second.url, 'market_scheduler_nodejs_heap_size_used_bytes');
  const external = await metric(second.url, 'market_scheduler_nodejs_external_memory_bytes');
  await stop(second.child);

  const mb = (b) => `${(b / MiB).toFixed(0)} MiB`;
  const otherAnon = parts.otherAnon - heapTotal;
  const md = [
    '## Idle memory on the embedded database',
    '',
    `\`node dist/main.js\` with no configuration (embedded PGlite in a fresh DATA_DIR, LOG_FORMAT=json), read from`,
    `/proc after ${IDLE_S} s idle on its second boot (the first one runs initdb). Run alone: \`npm run bench -- idle-rss\`.`,
    '',
    '| | value |',
    '|---|---:|',
    `| first boot (initdb) to ready | ${(first.bootMs / 1000).toFixed(1)} s |`,
    `| RSS at ready, first boot | ${mb(firstRss)} |`,
    `| later boot to ready | ${(second.bootMs / 1000).toFixed(1)} s |`,
    `| **idle RSS, later boot** | **${mb(rss)}** (peak ${mb(hwm)}) |`,
    `| · PGlite WebAssembly memory (Postgres: shared_buffers, catalog caches, work memory; ${mb(parts.wasmReserved)} mapped) | ${mb(parts.wasmMemory)} |`,
    `| · V8 heap (total; ${mb(heapUsed)} used) | ${mb(heapTotal)} |`,
    `| · other anonymous memory (compiled WASM code, malloc, buffers; external ${mb(external)}) | ${mb(otherAnon)} |`,
    `| · file-backed pages (node, shared libraries) | ${mb(parts.fileBacked)} |`,
    '',
  ].join('\n');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, '05-idle-rss.md'), md);
  console.log(md);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
