#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.mjs in its own process (so one benchmark's heap does not
 * skew the next), each writing a markdown section to bench/results/<name>.md, then assembles
 * BENCHMARKS.md with the machine the figures were measured on.
 * `npm run bench -- indicators` runs only the benchmarks whose file name contains "indicators".
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const filter = process.argv[2] ?? '';
/** Other work on the machine skews every figure: the load when the run began is written with them. */
const loadAtStart = os.loadavg()[0];
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();

for (const file of benches) {
  console.log(`\n=== ${file}`);
  execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULTS_DIR: resultsDir },
  });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench`; every figure in a table was measured in the same run as the peers it is compared with.',
  '',
  `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; 1-minute load average when the last run (\`${filter || 'all'}\`) began: ${loadAtStart.toFixed(1)}.`,
  '',
].join('\n');
const sections = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(join(resultsDir, f), 'utf8').trim());
writeFileSync(join(here, '..', 'BENCHMARKS.md'), `${header}\n${sections.join('\n\n')}\n`);
console.log(`\nBENCHMARKS.md written (${sections.length} sections).`);
if (!existsSync(join(here, '..', 'BENCHMARKS.md'))) process.exit(1);
