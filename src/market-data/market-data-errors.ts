import { DomainError } from '../common/errors.js';
import { AllProvidersFailedError, type ChainAttempt } from './core/provider-chain.js';
import { isProviderError } from './providers/index.js';

/** Codes that say "this vendor does not have it", as opposed to "this vendor is failing". */
const ABSENT = new Set(['notFound', 'unsupported']);

/**
 * Provider failures as the API reports them: a symbol (or timeframe) no provider has is a 404 with
 * each provider's reason; anything else (vendors down, rate limited, circuits open) is a 503 —
 * never a 500, which is kept for our own bugs. Other errors pass through unchanged.
 */
export function toMarketDataError(err: unknown, symbol: string, timeframe: string): unknown {
  let attempts: ChainAttempt[];
  if (err instanceof AllProvidersFailedError) attempts = err.attempts;
  else if (isProviderError(err)) attempts = [{ provider: err.provider, code: err.code, error: err.message }];
  else return err;
  const reasons = attempts.map(
    (a) => `${a.provider} (${a.code}): ${a.error.replace(new RegExp(`^${a.provider}: `), '')}`,
  );
  if (attempts.length === 0)
    return new DomainError('notFound', [`symbol ${symbol} is not served by any enabled provider`]);
  if (attempts.every((a) => ABSENT.has(a.code))) {
    return new DomainError('notFound', [`symbol ${symbol} at ${timeframe} was not found at any provider`, ...reasons]);
  }
  return new DomainError('unavailable', [
    `market data for ${symbol} ${timeframe} is unavailable: every provider failed`,
    ...reasons,
  ]);
}
