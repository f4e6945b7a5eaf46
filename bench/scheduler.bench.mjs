/**
 * Scheduler firing precision at scale: 10,000 schedules firing every second, our SchedulerLoop
 * (one min-heap, one timer) against the `cron` package behind @nestjs/schedule (one CronJob per
 * schedule), in the same process and run. Reports lateness p50/p99/max, early and missed fires, RSS.
 * Writes `${BENCH_RESULTS_DIR}/10-scheduler.md`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CronJob } from 'cron';
import { SchedulerLoop } from '../dist/scheduler/scheduler-loop.js';
import { RealTimers } from '../dist/base/time/timers.js';

const N = Number(process.env.BENCH_SCHEDULES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_S = 3;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Fires are recorded into preallocated typed arrays, not objects: the measuring harness must not
 * make garbage of its own (10,000 objects a second would trigger the very GC pauses it measures).
 */
function recorder() {
  const cap = N * (SECONDS + 3);
  const rec = { n: 0, job: new Int32Array(cap), nominal: new Float64Array(cap), at: new Float64Array(cap) };
  rec.push = (job, nominal, at) => {
    if (rec.n >= cap) return;
    rec.job[rec.n] = job;
    rec.nominal[rec.n] = nominal;
    rec.at[rec.n] = at;
    rec.n += 1;
  };
  return rec;
}

/** Fires per (job, second) inside the measured window, and the lateness of each. */
function summarize(name, rec, windowStart, windowEnd, rssMb) {
  const lateness = [];
  let early = 0;
  const seconds = (windowEnd - windowStart) / 1000;
  const seen = new Uint8Array(N * seconds);
  let distinct = 0;
  for (let i = 0; i < rec.n; i++) {
    const nominal = rec.nominal[i];
    if (nominal < windowStart || nominal >= windowEnd) continue;
    if (rec.at[i] < nominal) early += 1;
    lateness.push(rec.at[i] - nominal);
    const slot = rec.job[i] * seconds + (nominal - windowStart) / 1000;
    if (seen[slot] === 0) distinct += 1;
    seen[slot] = 1;
  }
  lateness.sort((a, b) => a - b);
  const expected = N * seconds;
  return {
    name,
    fires: lateness.length,
    expected,
    missed: expected - distinct,
    duplicates: lateness.length - distinct,
    early,
    p50: percentile(lateness, 0.5),
    p99: percentile(lateness, 0.99),
    max: lateness.at(-1) ?? NaN,
    rssMb,
  };
}

async function measure(name, register) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const rec = recorder();
  const start = Math.ceil(Date.now() / 1000) * 1000 + 1000;
  const stop = register(rec, start);
  await new Promise((r) => setTimeout(r, start - Date.now() + SECONDS * 1000 + 500));
  const rssMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  stop();
  await new Promise((r) => setTimeout(r, 200));
  return summarize(name, rec, start + WARMUP_S * 1000, start + SECONDS * 1000, rssMb);
}

function ours(rec, start) {
  const loop = new SchedulerLoop(
    () => Date.now(),
    new RealTimers(),
    (due) => {
      const at = Date.now();
      for (const f of due) rec.push(f.job.index, f.scheduledFor, at);
    },
  );
  for (let i = 0; i < N; i++) {
    loop.register(
      {
        id: `job-${i}`,
        name: `job-${i}`,
        index: i,
        version: 1,
        spec: { cron: '* * * * * *' },
        ctx: { anchorMs: start, defaultTimezone: 'UTC' },
        misfire: { policy: 'skip', graceSeconds: 0 },
      },
      start - 1,
    );
  }
  loop.start();
  return () => loop.stop();
}

function cronPackage(rec) {
  const jobs = [];
  for (let i = 0; i < N; i++) {
    jobs.push(
      CronJob.from({
        cronTime: '* * * * * *',
        start: true,
        timeZone: 'UTC',
        onTick: () => {
          const at = Date.now();
          // The tick is for the nearest whole second: one that arrives 900 ms into a second is an early fire of the next.
          rec.push(i, Math.round(at / 1000) * 1000, at);
        },
      }),
    );
  }
  return () => jobs.forEach((j) => j.stop());
}

const results = [];
results.push(await measure('market-scheduler SchedulerLoop (one heap, one timer)', ours));
results.push(await measure('`cron` 4.4 (one CronJob per schedule, as @nestjs/schedule)', cronPackage));
console.table(results);

const [a, b] = results;
const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.expected} | ${r.fires} | ${r.missed} | ${r.duplicates} | ${r.early} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.rssMb, 0)} |`,
);
const md = `## Scheduler: ${N.toLocaleString('en')} schedules firing every second

\`node bench/scheduler.bench.mjs\` (via \`npm run bench\`): both registered in one process, one after the other; ${SECONDS - WARMUP_S} s measured after ${WARMUP_S} s of warm-up. Lateness is from the nominal second to the callback, in ms. "Early" is a callback before its nominal second. RSS is the growth while the schedules were registered and firing.

| implementation | expected fires | fires | missed | duplicates | early | p50 ms | p99 ms | max ms | RSS MB |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Ratio (cron ÷ ours): p99 lateness ${fmt(b.p99 / a.p99, 1)}×, max lateness ${fmt(b.max / a.max, 1)}×. Goal for ours: p99 ≤ 5 ms, none early, none missed — ${a.p99 <= 5 && a.early === 0 && a.missed === 0 ? 'met' : 'NOT met'}.
`;
writeFileSync(join(process.env.BENCH_RESULTS_DIR ?? '.', '10-scheduler.md'), md);
process.exit(0);
