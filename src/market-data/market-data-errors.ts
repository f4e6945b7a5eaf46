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
  // A provider that does not have it is the answer even when another could not be asked (circuit open):
  // failover only goes to providers known to serve the symbol, so a pinned provider's 404 stands.
  if (ABSENT.has(attempts[0].code) && attempts.slice(1).every((a) => a.code === 'circuitOpen'))
    return new DomainError('notFound', [
      `symbol ${symbol} at ${timeframe} was not found at ${attempts[0].provider}`,
      ...reasons,
    ]);
  if (attempts.every((a) => ABSENT.has(a.code))) {
    const where = attempts.length === 1 ? attempts[0].provider : 'any provider';
    return new DomainError('notFound', [`symbol ${symbol} at ${timeframe} was not found at ${where}`, ...reasons]);
  }
  return new DomainError('unavailable', [
    `market data for ${symbol} ${timeframe} is unavailable: every provider failed`,
    ...reasons,
  ]);
}
