import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded default database: PGlite (Postgres compiled to WASM) persisted in DATA_DIR and
 * served in-process over the Postgres wire protocol, so the service uses the same `pg` driver,
 * SQL and migrations as in production.
 *
 * Guardrails (see STACK.md §2): one connection only (the socket server interleaves clients on
 * PGlite's single backend and loses writes otherwise), a lock file so two processes never open the
 * same directory (PGlite would let them and silently drop one's writes), and shared_buffers of
 * 16 MB: the embedded database is the small single-process default, and its idle RSS is what a
 * new user meets first (bench/idle-rss.bench.mjs: ~319 MiB with 64 MB, goal ≤ 280). The price is
 * throughput under load: 64 MB delivered 1,609 notifications/s against 1,183 with 16 MB
 * (bench/notifications.bench.mjs); deployments that need more run on PostgreSQL (DATABASE_URL).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockPath: string,
    readonly url: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const lockPath = join(dataDir, 'market-scheduler.lock');
    acquireLock(lockPath);
    try {
      const db = await PGlite.create(join(dataDir, 'pgdata'), { postgresqlconf: ['shared_buffers=16MB'] } as never);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const conn = server.getServerConn(); // "127.0.0.1:<port>"
      return new EmbeddedPostgres(db, server, lockPath, `postgres://postgres@${conn}/postgres`);
    } catch (e) {
      rmSync(lockPath, { force: true });
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop().catch(() => undefined);
    await this.db.close().catch(() => undefined);
    rmSync(this.lockPath, { force: true });
  }
}

/** Exclusive create of a lock file holding our pid; a lock left by a dead process is taken over. */
function acquireLock(path: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `DATA_DIR is in use by process ${pid} (${path}); the embedded database serves one process. Set DATABASE_URL to run several.`,
          { cause: e },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
