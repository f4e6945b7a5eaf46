import { redactText } from '../../base/security/redact.js';

/**
 * Typed provider failures. The failover chain, the retry policy and the circuit breaker all decide
 * from `code` alone, so every vendor adapter must translate its own error shapes into one of these.
 */
export type ProviderErrorCode =
  | 'rateLimited' // vendor said "slow down"; retryAfterMs says for how long
  | 'transient' // 5xx, timeout, connection refused: worth retrying
  | 'invalidResponse' // a body we cannot parse or that breaks the vendor's documented shape
  | 'notFound' // the vendor does not know the symbol
  | 'unsupported' // the timeframe (or symbol class) is not offered by this vendor
  | 'auth' // missing, wrong or under-entitled api key
  | 'circuitOpen'; // we refuse to call the vendor ourselves: its breaker is open

export interface ProviderErrorOptions {
  retryAfterMs?: number;
  status?: number;
  /** Extra secrets (api keys) to scrub from the message, on top of the url query patterns. */
  secrets?: readonly string[];
}

export class ProviderError extends Error {
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(
    readonly code: ProviderErrorCode,
    readonly provider: string,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    // Scrubbed here, once, so no call site can leak a key into logs by forgetting to.
    super(`${provider}: ${redactSecrets(message, options.secrets)}`);
    this.name = 'ProviderError';
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }

  /** Alias of `code`, the word the rest of the service uses for error categories. */
  get kind(): ProviderErrorCode {
    return this.code;
  }

  /** Whether the same call may succeed if simply repeated later. */
  get retryable(): boolean {
    return this.code === 'transient' || this.code === 'rateLimited';
  }
}

export function isProviderError(err: unknown, code?: ProviderErrorCode): err is ProviderError {
  return err instanceof ProviderError && (code === undefined || err.code === code);
}

/**
 * Api keys out of a provider's text: every URL's userinfo and credential parameters
 * (`token=`, `apiKey=`, `apikey=` …) and any listed secret. The service's one redaction
 * (config/redact.ts), under the name the providers have always used.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  return redactText(text, secrets);
}
