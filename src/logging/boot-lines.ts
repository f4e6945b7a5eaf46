import type { AppConfig } from '../config/app-config.js';

/**
 * What the boot log says once the service listens: where it is, and how to call it. The admin
 * token itself is never logged (logs are shipped to platforms): the line points at its file, or
 * at ADMIN_TOKEN, and the curl line reads it from there.
 */
export function bootLines(config: AppConfig): string[] {
  const url = `http://localhost:${config.port}`;
  const database = config.databaseUrl
    ? `PostgreSQL at ${new URL(config.databaseUrl).host}`
    : `embedded PGlite in ${config.dataDir}`;
  const lines = [`ready at ${url} (mode ${config.scheduler.mode}, database ${database}); API docs at ${url}/docs`];
  const token =
    config.adminTokenFile !== null
      ? `$(cat ${shellQuote(config.adminTokenFile)})`
      : config.adminTokenSource === 'env'
        ? '$ADMIN_TOKEN'
        : null;
  if (config.adminTokenSource === 'generated')
    lines.push(
      `admin token generated and kept in ${config.adminTokenFile} (mode 600; set ADMIN_TOKEN to use your own)`,
    );
  else if (config.adminTokenSource === 'file') lines.push(`admin token read from ${config.adminTokenFile}`);
  if (token) lines.push(`try: curl -s -H "Authorization: Bearer ${token}" ${url}/scheduler/status`);
  return lines;
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
