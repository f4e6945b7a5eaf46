import { HttpClient, statusError } from '../../market-data/providers/http-client.js';
import type { ProviderError } from '../../market-data/core/provider-error.js';

export interface VendorHttpOptions {
  provider: string;
  baseUrl: string;
  timeoutMs: number;
  /** The api key, scrubbed from every error message. */
  secret?: string;
  /** How long to wait after a 429 that names no Retry-After. */
  defaultRetryAfterMs: number;
  fetchImpl?: typeof fetch;
}

/**
 * GET + JSON for one vendor's reference endpoints, over market-data's HttpClient (timeout, key
 * redaction, network errors as `transient`). Status codes become ProviderError codes the same way
 * as for bars, and a 2xx whose body is not JSON is `invalidResponse`.
 */
export class VendorHttp {
  readonly http: HttpClient;

  constructor(private readonly o: VendorHttpOptions) {
    this.http = new HttpClient({
      provider: o.provider,
      timeoutMs: o.timeoutMs,
      secrets: o.secret ? [o.secret] : [],
      fetchImpl: o.fetchImpl,
    });
  }

  async getJson(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
    const res = await this.http.get(url, signal);
    const err = statusError(this.http, res, url, this.o.defaultRetryAfterMs);
    if (err) throw err;
    if (res.json === undefined || res.json === null)
      throw this.error('invalidResponse', `body is not JSON (${res.text.length} bytes): GET ${this.http.safeUrl(url)}`);
    return res.json;
  }

  error(code: ProviderError['code'], message: string): ProviderError {
    return this.http.error(code, message);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
