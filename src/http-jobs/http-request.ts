import Mustache from 'mustache';
import { signatureHeaders } from '../notifications/core/signature.js';
import { ENV_REF, hostAllowed, type HttpJobConfig } from './core/http-job-config.js';

/** The run's result (CONTRACT §8): the answer's status, the time it took and its first 4 KB. */
export interface HttpJobResult {
  status: number;
  ms: number;
  body: string;
}

export interface HttpRequestContext {
  jobId: string;
  jobName: string;
  runId: string;
  scheduledFor: Date;
  allowedHosts: readonly string[] | null;
  env: (name: string) => string | undefined;
  nowMs: () => number;
  signal: AbortSignal;
  /** The request's own bound (real time): the job's timeoutSeconds. */
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

export const BODY_LIMIT_BYTES = 4096;
const MAX_SAME_HOST_REDIRECTS = 3;

/** A failed attempt whose message is safe to store and show (no secret, no header value). */
export class HttpJobError extends Error {}

/** Mustache without HTML escaping: URLs and JSON are not HTML. The view holds only the job's own facts. */
const render = (template: string, view: Record<string, string>) =>
  Mustache.render(template, view, {}, { escape: (s: string) => s });

/**
 * One attempt of an `http` job: templates rendered, `${env:NAME}` resolved now (never stored), the
 * host checked against the allowlist again (a template could have changed it), the request signed
 * when asked, redirects followed only within the same host, and the answer's status checked against
 * `expectStatus`. Resolved secrets are scrubbed from whatever the result or error carries.
 */
export async function performHttpJob(cfg: HttpJobConfig, ctx: HttpRequestContext): Promise<HttpJobResult> {
  const view = {
    jobId: ctx.jobId,
    jobName: ctx.jobName,
    runId: ctx.runId,
    scheduledFor: ctx.scheduledFor.toISOString(),
  };
  const secrets: string[] = [];
  const resolve = (path: string, text: string) =>
    text.replace(ENV_REF, (_, name: string) => {
      const value = ctx.env(name);
      if (value === undefined) throw new HttpJobError(`${path}: environment variable ${name} is not set`);
      secrets.push(value);
      return value;
    });
  const scrub = (text: string) => secrets.reduce((t, s) => (s ? t.split(s).join('***') : t), text);

  const url = new URL(render(cfg.url, view));
  checkHost(url, ctx.allowedHosts);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(cfg.headers))
    headers[name] = resolve(`http.headers.${name}`, render(value, view));
  let body: string | undefined;
  if (cfg.body !== undefined) {
    body = typeof cfg.body === 'string' ? render(cfg.body, view) : JSON.stringify(cfg.body);
    if (typeof cfg.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = 'application/json';
  }
  headers['Idempotency-Key'] = `${ctx.jobId}:${view.scheduledFor}`;
  if (cfg.sign) {
    const secret = resolve('http.sign', cfg.sign);
    Object.assign(headers, signatureHeaders(secret, Math.floor(ctx.nowMs() / 1000), body ?? ''));
  }

  const started = ctx.nowMs();
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]);
  try {
    let target = url;
    for (let hop = 0; ; hop++) {
      const res = await (ctx.fetchImpl ?? fetch)(target, {
        method: cfg.method,
        headers,
        body,
        redirect: 'manual',
        signal,
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, target);
        if (next.host !== url.host)
          throw new HttpJobError(`HTTP ${res.status} redirect to another host (${next.hostname}) not followed`);
        if (hop >= MAX_SAME_HOST_REDIRECTS) throw new HttpJobError(`more than ${MAX_SAME_HOST_REDIRECTS} redirects`);
        target = next;
        continue;
      }
      const text = scrub(await firstBytes(res, BODY_LIMIT_BYTES));
      const result = { status: res.status, ms: Math.max(0, ctx.nowMs() - started), body: text };
      const [lo, hi] = cfg.expectStatus;
      if (res.status < lo || res.status > hi)
        throw new HttpJobError(`HTTP ${res.status} is outside expectStatus [${lo}, ${hi}]: ${text.slice(0, 200)}`);
      return result;
    }
  } catch (err) {
    if (err instanceof HttpJobError) throw err;
    if (signal.aborted && !ctx.signal.aborted)
      throw new HttpJobError(`no answer within ${ctx.timeoutMs / 1000} s from ${url.host}`);
    if (ctx.signal.aborted) throw ctx.signal.reason ?? err;
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new HttpJobError(`request to ${url.host} failed: ${scrub(String(cause))}`);
  }
}

function checkHost(url: URL, allowed: readonly string[] | null): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpJobError('http.url must use http or https');
  if (!allowed) throw new HttpJobError('http jobs are refused here: HTTP_JOB_ALLOWED_HOSTS is not set');
  if (!hostAllowed(url.hostname, allowed))
    throw new HttpJobError(`host ${url.hostname} is not in HTTP_JOB_ALLOWED_HOSTS`);
}

/** The first `limit` bytes of the body as text; the rest is not read (a large answer costs nothing). */
async function firstBytes(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return new TextDecoder('utf-8', { fatal: false })
    .decode(Buffer.concat(chunks).subarray(0, limit))
    .replace(/\uFFFD$/, '');
}
