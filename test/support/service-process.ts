import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ADMIN_TOKEN } from './test-app.js';

const MAIN = join(process.cwd(), 'dist', 'main.js');

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node dist/main.js` (what the container runs) and waits until it is ready (`/health/ready`),
 * or only alive (`waitFor: 'live'`: a service booting without its database).
 */
export async function startServiceProcess(
  env: Record<string, string>,
  opts: { waitFor?: 'ready' | 'live' } = {},
): Promise<ServiceProcess> {
  const probe = opts.waitFor === 'live' ? '/health/live' : '/health/ready';
  if (!existsSync(MAIN)) throw new Error('dist/main.js is missing: `npm test` builds it first (pretest)');
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ADMIN_TOKEN, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // 60 s: a first boot on the embedded database runs initdb, which takes long on a busy machine.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`service exited during boot:\n${log}`);
    const ok = await fetch(`${url}${probe}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
    if (i === 599) throw new Error(`service not ready after 60 s:\n${log}`);
  }
  return {
    child,
    url,
    call,
    output: () => log,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
