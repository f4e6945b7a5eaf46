import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real server the suite runs against when DATABASE_URL is set (CI sets it); else the embedded one. */
export const SERVER_URL = process.env.DATABASE_URL ?? null;

export interface TestDatabase {
  /** DATABASE_URL for the app (null: embedded PGlite in `dataDir`). */
  url: string | null;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh database on the real server (created and
 * dropped here, so test files run in parallel), or a fresh DATA_DIR for the embedded one.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ms-test-'));
  if (!SERVER_URL) return { url: null, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `ms_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL! });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A direct client on the test database, for assertions on what is stored. */
export async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
