#!/usr/bin/env node
// market-scheduler CLI (CONTRACT §7): start | status | reload | validate FILE...
import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => {
  const file = join(root, 'dist', p);
  if (!existsSync(file)) {
    console.error('market-scheduler is not built: run `npm run build` first');
    process.exit(2);
  }
  return file;
};

/** Without ADMIN_TOKEN, the token the service generated in DATA_DIR/admin-token (same machine). */
function tokenFromFile() {
  try {
    return readFileSync(join(process.env.DATA_DIR || './data', 'admin-token'), 'utf8').trim();
  } catch {
    return null;
  }
}

async function call(method, path) {
  const base = (process.env.MARKET_SCHEDULER_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = process.env.ADMIN_TOKEN || tokenFromFile();
  if (!token) {
    console.error(
      'ADMIN_TOKEN is not set and DATA_DIR/admin-token is not readable (the bearer token of the running service)',
    );
    process.exit(2);
  }
  let res;
  try {
    res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    console.error(`cannot reach ${base}: ${e.cause?.code ?? e.message}`);
    process.exit(1);
  }
  const body = await res.text();
  console.log(body ? JSON.stringify(JSON.parse(body), null, 2) : `${res.status}`);
  if (!res.ok) process.exit(1);
}

const program = new Command('market-scheduler').description('Schedules market-data work and fires trading alerts.');
program
  .command('start')
  .description('run the service (same as npm start)')
  .action(async () => {
    await import(dist('main.js'));
  });
program
  .command('status')
  .description('GET /scheduler/status of the service at MARKET_SCHEDULER_URL')
  .action(() => call('GET', '/scheduler/status'));
program
  .command('reload')
  .description('POST /scheduler/reload: re-read jobs and ALERTS_DIR')
  .action(() => call('POST', '/scheduler/reload'));
program
  .command('validate')
  .description('check job files (JSON or YAML) offline; exit 1 if any problem')
  .argument('<files...>')
  .action(async (files) => {
    const { validateJobFiles } = await import(dist('cli/validate-files.js'));
    const { jobs, problems } = validateJobFiles(files, process.env.SCHEDULER_TIMEZONE ?? 'UTC');
    for (const p of problems) console.log(p);
    console.log(problems.length ? `${problems.length} problem(s) in ${jobs} job(s)` : `${jobs} job(s) valid`);
    process.exit(problems.length ? 1 : 0);
  });
await program.parseAsync();
