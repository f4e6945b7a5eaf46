/**
 * Secrets in log text: URL query parameters that carry credentials (`apikey=…`, `token=…`, as the
 * vendors' APIs take them) and bearer tokens. Pino's `redact` covers structured fields by path;
 * these cover what ends up inside strings (request URLs, error messages quoting a URL).
 */
const SECRET_PARAM =
  /([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|password|passwd|secret|signature|sig)=)[^&#\s"']*/gi;
/** `Bearer $(cat …)` / `Bearer $ADMIN_TOKEN` in a how-to line are shell, not secrets, and stay. */
const BEARER = /(\bBearer\s+)(?!\$)[^\s"',]+/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s]+:)[^@/\s]+@/gi;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_PARAM, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/** Structured fields pino blanks out wherever a log object carries them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'authorization',
  'password',
  'token',
  'apiKey',
  'adminToken',
  'secret',
  '*.authorization',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.apikey',
  '*.adminToken',
  '*.secret',
  '*.headers.authorization',
];
