import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type AppConfig } from './app-config.js';

export const ADMIN_TOKEN_FILE = 'admin-token';
const TOKEN = /^\S{16,}$/;

function readToken(path: string): string {
  const token = readFileSync(path, 'utf8').trim();
  if (!TOKEN.test(token))
    throw new ConfigError([
      `${path} must hold a token of at least 16 characters with no spaces (delete the file to generate a new one)`,
    ]);
  // The file is a password: keep it private even if someone copied it in with a wider mode.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return token;
}

/**
 * Without ADMIN_TOKEN, the admin token lives in `DATA_DIR/admin-token` (mode 600): generated on
 * the first boot, read back on every later one, so scripts and the CLI keep working across
 * restarts (CONTRACT §1). Two processes booting at once agree: the file is created exclusively
 * (`wx`) and the loser reads the winner's token.
 */
export function withStoredAdminToken(config: AppConfig): AppConfig {
  if (config.adminTokenSource === 'env') return config;
  const path = join(config.dataDir, ADMIN_TOKEN_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return { ...config, adminToken: readToken(path), adminTokenSource: 'generated', adminTokenFile: path };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { ...config, adminToken: readToken(path), adminTokenSource: 'file', adminTokenFile: path };
  }
}
