import Mustache from 'mustache';

/** An `http` job's section as stored (CONTRACT §8). Secrets stay `${env:NAME}` references. */
export interface HttpJobConfig {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** JSON (sent as application/json) or a string template; absent: no body. */
  body?: unknown;
  expectStatus: [number, number];
  /** `${env:NAME}`: the HMAC secret the request is signed with (X-Timestamp, X-Signature-256). */
  sign?: string;
}

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type HttpMethod = (typeof METHODS)[number];
const FIELDS = ['method', 'url', 'headers', 'body', 'expectStatus', 'sign'];
/** Headers the service sets itself: a job may not override them. */
const RESERVED = ['idempotency-key', 'host', 'content-length', 'x-timestamp', 'x-signature-256'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
export const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]{0,100})\}/g;
const SIGN_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]{0,100})\}$/;
const MAX_BODY_CHARS = 64 * 1024;

/** What can be checked only with the deployment: the allowlist and the environment. */
export interface HttpJobEnvironment {
  /** HTTP_JOB_ALLOWED_HOSTS (lower-cased); null when unset; undefined: not checked (offline validation). */
  allowedHosts?: string[] | null;
  /** Whether an environment variable is set; undefined: not checked. */
  hasEnv?: (name: string) => boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `api.example.com` matches itself; `*.internal` matches any name under `internal`. Case-insensitive. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowed.some((a) => (a.startsWith('*.') ? h.endsWith(a.slice(1)) && h.length > a.length - 1 : h === a));
}

/** The env names a text references as `${env:NAME}`. */
export function envRefs(text: string): string[] {
  return [...text.matchAll(ENV_REF)].map((m) => m[1]);
}

/** Problems of an `http` section, each starting with its path. */
export function validateHttpJob(section: unknown, env: HttpJobEnvironment = {}): string[] {
  if (section === undefined) return ['http is required for a job of type http'];
  if (!isObject(section)) return ['http must be an object'];
  const problems = Object.keys(section)
    .filter((k) => !FIELDS.includes(k))
    .map((k) => `http.${k} is not a known field (${FIELDS.join(', ')})`);
  if (env.allowedHosts === null)
    problems.push('http jobs are refused here: HTTP_JOB_ALLOWED_HOSTS is not set (the hosts http jobs may call)');
  const { method, url, headers, body, expectStatus, sign } = section;
  if (method !== undefined && !(METHODS as readonly unknown[]).includes(method))
    problems.push(`http.method must be one of ${METHODS.join(', ')}`);
  problems.push(...urlProblems(url, env));
  if (headers !== undefined) {
    if (!isObject(headers)) problems.push('http.headers must be an object of header names to string values');
    else
      for (const [name, value] of Object.entries(headers)) {
        const path = `http.headers.${name}`;
        if (!TOKEN.test(name)) problems.push(`${path}: not a valid header name`);
        else if (RESERVED.includes(name.toLowerCase()))
          problems.push(`${path} is set by the service and cannot be given`);
        if (typeof value !== 'string' || value.length > 8192 || /[\r\n\0]/.test(value))
          problems.push(`${path} must be a single-line string of at most 8192 characters`);
        else problems.push(...templateProblems(path, value), ...envProblems(path, value, env));
      }
  }
  if (body !== undefined) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (text.length > MAX_BODY_CHARS) problems.push(`http.body must be at most ${MAX_BODY_CHARS} characters`);
    if (typeof body === 'string') problems.push(...templateProblems('http.body', body));
    if (method === 'GET' || method === 'HEAD')
      problems.push('http.body needs a method that carries a body (POST, PUT, PATCH, DELETE)');
  }
  if (expectStatus !== undefined) {
    const ok =
      Array.isArray(expectStatus) &&
      expectStatus.length === 2 &&
      expectStatus.every((s) => Number.isInteger(s) && s >= 100 && s <= 599) &&
      expectStatus[0] <= expectStatus[1];
    if (!ok) problems.push('http.expectStatus must be [lowest, highest], status codes 100…599, e.g. [200, 299]');
  }
  if (sign !== undefined) {
    const m = typeof sign === 'string' ? SIGN_REF.exec(sign) : null;
    if (!m) problems.push('http.sign must be an environment reference "${env:NAME}" (the secret is never stored)');
    else problems.push(...envProblems('http.sign', sign as string, env));
  }
  return problems;
}

function urlProblems(url: unknown, env: HttpJobEnvironment): string[] {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048)
    return ['http.url must be an http(s) URL of at most 2048 characters'];
  const problems = templateProblems('http.url', url);
  if (envRefs(url).length > 0) problems.push('http.url cannot reference the environment (put secrets in headers)');
  let parsed: URL;
  try {
    // Templates stand for path or query text; `x` keeps the URL parseable while checking its host.
    parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x'));
  } catch {
    return [...problems, 'http.url must be an absolute http(s) URL'];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') problems.push('http.url must use http or https');
  if (parsed.username || parsed.password)
    problems.push('http.url cannot carry credentials (use headers with ${env:NAME})');
  if ((/^[a-z]+:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '').includes('{{'))
    problems.push('http.url: the host cannot be a template');
  else if (env.allowedHosts && !hostAllowed(parsed.hostname, env.allowedHosts))
    problems.push(`http.url: host ${parsed.hostname} is not in HTTP_JOB_ALLOWED_HOSTS`);
  return problems;
}

function templateProblems(path: string, text: string): string[] {
  try {
    Mustache.parse(text);
    return [];
  } catch (e) {
    return [`${path} is not a valid mustache template: ${(e as Error).message}`];
  }
}

function envProblems(path: string, text: string, env: HttpJobEnvironment): string[] {
  if (!env.hasEnv) return [];
  return envRefs(text)
    .filter((name) => !env.hasEnv!(name))
    .map((name) => `${path}: environment variable ${name} is not set`);
}

/** Only called on a section validateHttpJob accepted. */
export function normalizeHttpJob(section: unknown): HttpJobConfig {
  const s = section as Record<string, unknown>;
  return {
    method: (s.method as HttpMethod | undefined) ?? 'POST',
    url: s.url as string,
    headers: (s.headers as Record<string, string> | undefined) ?? {},
    ...(s.body === undefined ? {} : { body: s.body }),
    expectStatus: (s.expectStatus as [number, number] | undefined) ?? [200, 299],
    ...(s.sign === undefined ? {} : { sign: s.sign as string }),
  };
}
