import type { ProviderError } from '../core/provider-error.js';
import { DEFAULT_TIMEOUT_MS, HttpClient, statusError, type HttpResponse } from './http-client.js';

/** What a keyed vendor's adapters are built from (the provider table's settings for that vendor). */
export interface KeyedVendorConfig {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export type VendorParams = Record<string, string> | URLSearchParams;

/** How one vendor speaks HTTP: where it lives, how the key travels, and how it says "error" in a 2xx. */
export interface VendorApiOptions {
  provider: string;
  baseUrl: string;
  timeoutMs?: number;
  /** The query parameter that carries the key (`token`, `apiKey`, `apikey`) and the key, scrubbed from every message. */
  key?: { param: string; value: string };
  /** How long to wait after a 429 that names no Retry-After (the vendor's free-tier pace). */
  defaultRetryAfterMs: number;
  /** An answer the vendor means more precisely than its status (Binance's `{"code": -1121}` with a 400). */
  answerError?: (res: HttpResponse, safeUrl: string, api: VendorApi) => ProviderError | null;
  /** A 2xx JSON body that is an error (Finnhub `{"error"}`, Polygon `status: "ERROR"`, Alpha Vantage notes). */
  bodyError?: (body: unknown, api: VendorApi, nowMs: number) => ProviderError | null;
  /** Every answer, as it arrives (Binance counts its used weight from a header). */
  onResponse?: (res: HttpResponse) => void;
  fetchImpl?: typeof fetch;
}

export interface VendorGet {
  signal?: AbortSignal;
  /** The caller's now, for errors whose wait depends on it (a daily cap's reset). */
  nowMs?: number;
}

/**
 * The one HTTP setup of a keyed or public vendor, shared by its bar provider and its reference
 * adapter: base URL, key as a query parameter, timeout and key redaction (HttpClient), status codes
 * as ProviderError codes (statusError), non-JSON 2xx as `invalidResponse`, and the vendor's own
 * error conventions. An adapter built on it is only its endpoints and transforms.
 */
export class VendorApi {
  readonly http: HttpClient;
  readonly baseUrl: string;

  constructor(private readonly o: VendorApiOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.http = new HttpClient({
      provider: o.provider,
      timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      secrets: o.key ? [o.key.value] : [],
      fetchImpl: o.fetchImpl,
    });
  }

  /** `path` under the base URL (or an absolute URL the vendor handed out, e.g. `next_url`), key added. */
  url(path: string, params: VendorParams = {}): string {
    const q = new URLSearchParams(params);
    if (this.o.key) q.set(this.o.key.param, this.o.key.value);
    const base = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
    const query = q.toString();
    return query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base;
  }

  /** The answer, once it is a 2xx that is not an error (its body may be any text). */
  async get(path: string, params: VendorParams = {}, opts: VendorGet = {}): Promise<HttpResponse> {
    const url = this.url(path, params);
    const res = await this.http.get(url, opts.signal);
    this.o.onResponse?.(res);
    const safe = this.http.safeUrl(url);
    const own = this.o.answerError?.(res, safe, this);
    if (own) throw own;
    const err = statusError(this.http, res, url, this.o.defaultRetryAfterMs);
    if (err) throw err;
    if (res.json !== undefined && res.json !== null) {
      const bodyErr = this.o.bodyError?.(res.json, this, opts.nowMs ?? Date.now());
      if (bodyErr) throw bodyErr;
    }
    return res;
  }

  async getJson(path: string, params: VendorParams = {}, opts: VendorGet = {}): Promise<unknown> {
    const res = await this.get(path, params, opts);
    if (res.json === undefined || res.json === null)
      throw this.error('invalidResponse', `body is not JSON (${res.text.length} bytes): GET ${this.safePath(path)}`);
    return res.json;
  }

  /** A JSON object body (most vendors' answers), else `invalidResponse`. */
  async getObject(path: string, params: VendorParams = {}, opts: VendorGet = {}): Promise<Record<string, unknown>> {
    const body = await this.getJson(path, params, opts);
    if (!isRecord(body)) throw this.error('invalidResponse', `${this.safePath(path)} answer is not a JSON object`);
    return body;
  }

  /** A text body (Alpha Vantage's CSV endpoints); a JSON body there is checked for the vendor's errors first. */
  async getText(path: string, params: VendorParams = {}, opts: VendorGet = {}): Promise<string> {
    const res = await this.get(path, params, opts);
    return res.text;
  }

  error(code: ProviderError['code'], message: string, extra: { status?: number; retryAfterMs?: number } = {}) {
    return this.http.error(code, message, extra);
  }

  private safePath(path: string): string {
    return this.http.safeUrl(path.replace(/\?.*$/, ''));
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
