import { parseRetryAfter } from '../../base/resilience/backoff.js';
import { ProviderError, redactSecrets } from '../core/provider-error.js';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface HttpClientOptions {
  provider: string;
  timeoutMs: number;
  /** Api keys of this provider: scrubbed from every error message this client produces. */
  secrets?: readonly string[];
  fetchImpl?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The only place vendor adapters touch the network. It owns the request timeout and turns
 * network failures into `transient` errors whose text never carries the key-bearing url.
 */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  async get(url: string, signal?: AbortSignal): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await this.fetchImpl(url, { signal: combined, headers: { accept: 'application/json' } });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: parseJson(text) };
    } catch (err) {
      throw this.networkError(err, url, timeout.aborted && !signal?.aborted);
    }
  }

  error(
    code: ConstructorParameters<typeof ProviderError>[0],
    message: string,
    extra: { status?: number; retryAfterMs?: number } = {},
  ): ProviderError {
    return new ProviderError(code, this.options.provider, message, { ...extra, secrets: this.options.secrets });
  }

  /** The url as it may appear in an error or log line. */
  safeUrl(url: string): string {
    return redactSecrets(url, this.options.secrets);
  }

  private networkError(err: unknown, url: string, timedOut: boolean): ProviderError {
    if (timedOut)
      return this.error('transient', `timeout after ${this.options.timeoutMs} ms: GET ${this.safeUrl(url)}`);
    // Only the cause's code/message travel on: undici's error objects can carry the request url.
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const why = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
    return this.error('transient', `network error (${why}): GET ${this.safeUrl(url)}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The status codes every vendor means the same way. Returns null for 2xx so callers can go on to
 * parse; vendor adapters check their own body-level errors first where a vendor has them.
 */
export function statusError(
  http: HttpClient,
  res: HttpResponse,
  url: string,
  defaultRetryAfterMs: number,
): ProviderError | null {
  const { status } = res;
  if (status >= 200 && status < 300) return null;
  const detail = `HTTP ${status} from GET ${http.safeUrl(url)}: ${res.text.slice(0, 200)}`;
  if (status === 429 || status === 418) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now()) ?? defaultRetryAfterMs;
    return http.error('rateLimited', detail, { status, retryAfterMs });
  }
  if (status === 401 || status === 403) return http.error('auth', detail, { status });
  if (status === 404) return http.error('notFound', detail, { status });
  if (status === 408 || status >= 500) return http.error('transient', detail, { status });
  return http.error('invalidResponse', detail, { status });
}
