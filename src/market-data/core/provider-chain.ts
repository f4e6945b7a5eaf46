import type { Bar } from '../../base/domain/bar.js';
import { isProviderError } from './provider-error.js';
import type { CandleQuery, MarketDataProvider, Quote } from './market-data-provider.js';

/** CONTRACT §1 `PROVIDER_PRIORITY` default. */
export const DEFAULT_PROVIDER_PRIORITY = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage'] as const;

export interface ChainQuery extends CandleQuery {
  /** The provider the caller chose (alert config, `?provider=`): tried first, then the others. */
  provider?: string;
}

export interface ChainResult {
  provider: string;
  bars: Bar[];
}

export interface ChainAttempt {
  provider: string;
  error: string;
  code: string;
}

/** Every candidate failed (or was skipped); `attempts` says why, in order. */
export class AllProvidersFailedError extends Error {
  readonly code = 'allProvidersFailed';

  constructor(
    readonly symbol: string,
    readonly attempts: ChainAttempt[],
  ) {
    super(
      `no provider could answer for ${symbol}: ${attempts.map((a) => `${a.provider} ${a.code}`).join(', ') || 'none serves it'}`,
    );
    this.name = 'AllProvidersFailedError';
  }
}

/**
 * Failover over providers in PROVIDER_PRIORITY order (CONTRACT §6): only those that serve the
 * symbol, skipping any whose circuit is open. Providers missing from the priority list (csv)
 * come last, in the order given. Errors that are the caller's (an unsupported timeframe) move
 * on like any other, since another vendor may well have that timeframe.
 */
export class ProviderChain {
  private readonly ordered: MarketDataProvider[];

  constructor(providers: readonly MarketDataProvider[], priority: readonly string[] = DEFAULT_PROVIDER_PRIORITY) {
    const rank = (p: MarketDataProvider) => {
      const i = priority.indexOf(p.name);
      return i === -1 ? priority.length : i;
    };
    this.ordered = [...providers].sort((a, b) => rank(a) - rank(b));
  }

  get providers(): readonly MarketDataProvider[] {
    return this.ordered;
  }

  get(name: string): MarketDataProvider | undefined {
    return this.ordered.find((p) => p.name === name);
  }

  /** The providers a call for `symbol` would try, in order (preferred first). */
  candidates(symbol: string, preferred?: string): MarketDataProvider[] {
    const serving = this.ordered.filter((p) => p.serves(symbol));
    const first = serving.filter((p) => p.name === preferred);
    return [...first, ...serving.filter((p) => p.name !== preferred)];
  }

  async fetchCandles(query: ChainQuery): Promise<ChainResult> {
    const { provider: preferred, ...candleQuery } = query;
    return this.firstSuccess(query.symbol, preferred, async (p) => ({
      provider: p.name,
      bars: await p.fetchCandles(candleQuery),
    }));
  }

  async latestQuote(symbol: string, preferred?: string): Promise<{ provider: string; quote: Quote }> {
    return this.firstSuccess(symbol, preferred, async (p) => ({
      provider: p.name,
      quote: await p.latestQuote(symbol),
    }));
  }

  private async firstSuccess<T>(
    symbol: string,
    preferred: string | undefined,
    call: (p: MarketDataProvider) => Promise<T>,
  ): Promise<T> {
    const attempts: ChainAttempt[] = [];
    for (const provider of this.candidates(symbol, preferred)) {
      if (provider.isAvailable && !provider.isAvailable()) {
        attempts.push({ provider: provider.name, code: 'circuitOpen', error: 'skipped: circuit open' });
        continue;
      }
      try {
        return await call(provider);
      } catch (err) {
        if (!isProviderError(err)) throw err; // a bug of ours, not a vendor failure: do not mask it
        attempts.push({ provider: provider.name, code: err.code, error: err.message });
      }
    }
    throw new AllProvidersFailedError(symbol, attempts);
  }
}
