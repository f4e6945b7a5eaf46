/**
 * The one redaction of the service: every URL it shows (GET /scheduler/config, GET /health with the
 * token, run errors) or logs goes through `redactUrl`, every free text that may carry one (an
 * upstream's error message, a log line) through `redactText`. Pure: no I/O, no framework.
 */

export const REDACTED = '***';

/**
 * Query parameter names that carry credentials: passwords, tokens, api keys, secrets, signatures
 * (AWS `X-Amz-Signature`, `sig`), `auth`. A name matches when one of these is a whole word of it
 * (`api_key`, `apiKey`, `X-Amz-Credential`, `access_token`), so `keyword` or `monkey` do not.
 */
const SECRET_NAME =
  /(^|[^a-z])(pass|passwd|password|pwd|token|secret|signature|sig|key|apikey|credentials?|auth|authorization|session|sessionid|jwt|code)($|[^a-z])/i;

/** Whether a query parameter (or config field) of this name holds a credential. */
export function isSecretName(name: string): boolean {
  // camelCase to words: apiKey → api_Key, accessToken → access_Token.
  return SECRET_NAME.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
}

/**
 * A URL without its userinfo (`user:password@` → `***@`) and with the value of every
 * credential-like query parameter replaced by `***`. Text that does not parse as a URL is
 * redacted as free text instead, so a malformed value cannot slip through unredacted.
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(url);
  if (!m) return redactQuery(url);
  const [, scheme, authority, rest] = m;
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : `${REDACTED}@${authority.slice(at + 1)}`;
  return scheme + host + redactQuery(rest);
}

/** `?a=1&token=abc#x` → `?a=1&token=***#x`; also `;`-separated and fragment parameters. */
function redactQuery(text: string): string {
  return text.replace(/([?&;#])([^=&;#?\s]+)=([^&;#\s]*)/g, (all, sep: string, name: string) =>
    isSecretName(decodeSafe(name)) ? `${sep}${name}=${REDACTED}` : all,
  );
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** A URL-less `host:port` pair, an IPv4 or an IPv6 address: where a service lives is not public either. */
const ENDPOINT_IN_TEXT = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b|\[[0-9a-f:]+\](?::\d+)?/gi;

/**
 * Free text (an error message, a log line) with every URL in it redacted, every credential-like
 * `name=value` pair masked, and every listed secret (api keys, the admin token, passwords)
 * replaced wherever it appears, URL-encoded or not.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return maskSecrets(redactQuery(text.replace(URL_IN_TEXT, (u) => redactUrl(u))), secrets);
}

/** Every listed secret (3+ characters) replaced by `***`, raw or URL-encoded; nothing else touched. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3 || !out) continue;
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/**
 * Text fit for a public answer: no URL, address or secret at all (the service's own words come
 * from the caller; this is the last line of defence for anything that slips through).
 */
export function stripEndpoints(text: string): string {
  return text.replace(URL_IN_TEXT, '[url]').replace(ENDPOINT_IN_TEXT, '[address]');
}

/** The password of a URL's userinfo and its credential parameters (`?password=`), for `redactText`'s secret list. */
export function urlSecrets(url: string | null | undefined): string[] {
  if (!url) return [];
  const out: string[] = [];
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url);
  if (m) {
    const userinfo = m[1];
    const colon = userinfo.indexOf(':');
    // A user name alone (`postgres@`) is not listed: it is an ordinary word in log lines, and
    // redactUrl already takes the whole userinfo out of every URL.
    if (colon >= 0) out.push(decodeSafe(userinfo.slice(colon + 1)), userinfo.slice(colon + 1));
  }
  for (const [, name, value] of url.matchAll(/[?&;#]([^=&;#?\s]+)=([^&;#\s]*)/g)) {
    if (isSecretName(decodeSafe(name)) && value) out.push(decodeSafe(value), value);
  }
  return [...new Set(out.filter((s) => s.length > 0))];
}
