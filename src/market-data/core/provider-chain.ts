import { SystemClock, type Clock } from '../../base/time/clock.js';
import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
import { isProviderError } from './provider-error.js';
import type { CandleQuery, LastCandlesQuery, MarketDataProvider, Quote } from './market-data-provider.js';
import { fetchLastCandles } from './last-candles.js';
import { SingleFlight } from '../../base/resilience/singleflight.js';
import { SymbolDirectory } from './symbol-directory.js';

export interface Preference {
  /** Tried first, then the others. */
  provider?: string;
  /**
   * The caller chose `provider` (alert config, `?provider=`), default when one is given: failover
   * only to providers known to list the symbol or mapped by SYMBOL_MAP, and its not-found is the
   * answer. False: `provider` is only where to start (the service's own pick).
   */
  pinned?: boolean;
}

export interface ChainQuery extends CandleQuery, Preference {}

export interface ChainResult {
  provider: string;
  /** The symbol as that provider names it (another only through SYMBOL_MAP). */
  symbol: string;
  bars: Bar[];
}

export interface ChainAttempt {
  provider: string;
  error: string;
  code: string;
}

/** One provider to ask, and the name it gives the symbol. */
export interface Route {
  provider: MarketDataProvider;
  symbol: string;
}

export interface ChainOptions {
  clock?: Clock;
  /** SYMBOL_MAP: symbol → provider → that provider's name for it. */
  symbolMap?: Record<string, Record<string, string>>;
  directory?: SymbolDirectory;
  /** How long a call waits for a symbol list being fetched before going on without it (default 2 s). */
  listingWaitMs?: number;
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
 * Failover over providers in PROVIDER_PRIORITY order (CONTRACT §6), only with the right symbol.
 * Which vendor serves which symbol is learned from the vendors (SymbolDirectory: Binance's
 * exchangeInfo, or what trying answered), never guessed from its spelling. A request pinned to a
 * provider fails over only to providers known to list the symbol under that name, or to the name
 * SYMBOL_MAP gives it there; an unpinned one tries every provider not known to lack it. Providers
 * missing from the priority list (csv) come last. Errors that are the caller's (an unsupported
 * timeframe) move on like any other, since another vendor may well have that timeframe.
 */
export class ProviderChain {
  readonly directory: SymbolDirectory;
  private readonly ordered: MarketDataProvider[];
  private readonly symbolMap: Record<string, Record<string, string>>;
  private readonly listings = new SingleFlight<void>();
  private readonly listingWaitMs: number;

  constructor(providers: readonly MarketDataProvider[], priority: readonly string[], options: ChainOptions = {}) {
    const rank = (p: MarketDataProvider) => {
      const i = priority.indexOf(p.name);
      return i === -1 ? priority.length : i;
    };
    this.ordered = [...providers].sort((a, b) => rank(a) - rank(b));
    this.symbolMap = options.symbolMap ?? {};
    this.listingWaitMs = options.listingWaitMs ?? 2000;
    this.directory = options.directory ?? new SymbolDirectory(options.clock ?? new SystemClock());
  }

  get providers(): readonly MarketDataProvider[] {
    return this.ordered;
  }

  get(name: string): MarketDataProvider | undefined {
    return this.ordered.find((p) => p.name === name);
  }

  /** The name `provider` gives `symbol`: SYMBOL_MAP's, else the same. */
  nameAt(provider: string, symbol: string): string {
    const mapped = Object.hasOwn(this.symbolMap, symbol) ? this.symbolMap[symbol][provider] : undefined;
    return mapped ?? symbol;
  }

  /**
   * The providers a call for `symbol` would try, in order. A pinned one first whatever is known of
   * it (its own answer is the authority, and names it: a pair listed since its list was fetched).
   */
  async routes(symbol: string, pref: Preference = {}): Promise<Route[]> {
    await this.refreshListings();
    const route = (p: MarketDataProvider): Route => ({ provider: p, symbol: this.nameAt(p.name, symbol) });
    const status = (r: Route) =>
      r.provider.serves(r.symbol) ? this.directory.status(r.provider.name, r.symbol) : 'absent';
    const first = pref.provider === undefined ? undefined : this.get(pref.provider);
    const pinned = first !== undefined && pref.pinned !== false;
    const others = this.ordered
      .filter((p) => p !== first)
      .map(route)
      .filter((r) => (!pinned || r.symbol !== symbol ? status(r) !== 'absent' : status(r) === 'listed'));
    if (!first) return others;
    return pinned || status(route(first)) !== 'absent' ? [route(first), ...others] : others;
  }

  async fetchCandles(query: ChainQuery): Promise<ChainResult> {
    const { provider, pinned, ...candleQuery } = query;
    return this.firstSuccess(query.symbol, { provider, pinned }, query.timeframe, async (p, symbol) => ({
      provider: p.name,
      symbol,
      bars: await p.fetchCandles({ ...candleQuery, symbol }),
    }));
  }

  /** The last `count` closed bars before `toMs` (CONTRACT §8), from the first provider that answers. */
  async fetchLastCandles(query: LastCandlesQuery & Preference): Promise<ChainResult> {
    const { provider, pinned, ...lastQuery } = query;
    return this.firstSuccess(query.symbol, { provider, pinned }, query.timeframe, async (p, symbol) => ({
      provider: p.name,
      symbol,
      bars: await fetchLastCandles(p, { ...lastQuery, symbol }),
    }));
  }

  async latestQuote(symbol: string, preferred?: string): Promise<{ provider: string; quote: Quote }> {
    return this.firstSuccess(symbol, { provider: preferred }, undefined, async (p, name) => ({
      provider: p.name,
      quote: await p.latestQuote(name),
    }));
  }

  /** Why no enabled provider serves `symbol`, one attempt per provider, without asking any vendor again. */
  absence(symbol: string, timeframe?: Timeframe): ChainAttempt[] {
    return this.ordered.map((p) => {
      const name = this.nameAt(p.name, symbol);
      const why = p.absenceReason?.(name, timeframe) ?? this.absenceReason(p, name);
      return { provider: p.name, code: 'notFound', error: why };
    });
  }

  private absenceReason(p: MarketDataProvider, name: string): string {
    if (!p.serves(name)) return `${name} is not a symbol it could have`;
    if (p.listSymbols) return `${name} is not among the symbols it lists`;
    return `${name} was not found there when last asked`;
  }

  /**
   * Fetches the symbol lists that are due (Binance exchangeInfo), waiting at most `listingWaitMs`:
   * a slow or hanging vendor must not hold up the bars (the list lands later, meanwhile its symbols
   * are unknown and learned from trying). A failure leaves them unknown for a while.
   */
  private async refreshListings(): Promise<void> {
    const due = this.ordered.filter((p) => p.listSymbols && this.directory.listingDue(p.name));
    if (due.length === 0) return;
    const fetches = due.map((p) =>
      this.listings.do(p.name, async () => {
        try {
          this.directory.setListing(p.name, await p.listSymbols!());
        } catch {
          this.directory.listingFailed(p.name);
        }
      }),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.listingWaitMs);
      timer.unref?.();
    });
    await Promise.race([Promise.all(fetches), waited]);
    clearTimeout(timer);
  }

  private async firstSuccess<T>(
    symbol: string,
    pref: Preference,
    timeframe: Timeframe | undefined,
    call: (p: MarketDataProvider, symbol: string) => Promise<T>,
  ): Promise<T> {
    const attempts: ChainAttempt[] = [];
    const pinned = pref.provider !== undefined && pref.pinned !== false ? this.get(pref.provider) : undefined;
    // A pinned provider is asked before any symbol list is fetched (csv never waits on exchangeInfo);
    // where to fail over is worked out only once it failed.
    const first: Route[] = pinned ? [{ provider: pinned, symbol: this.nameAt(pinned.name, symbol) }] : [];
    const rest = async () => (await this.routes(symbol, pref)).slice(first.length);
    for (const batch of [first, null]) {
      for (const { provider, symbol: name } of batch ?? (await rest())) {
        if (provider.isAvailable && !provider.isAvailable()) {
          attempts.push({ provider: provider.name, code: 'circuitOpen', error: 'skipped: circuit open' });
          continue;
        }
        try {
          const result = await call(provider, name);
          this.directory.learn(provider.name, name, 'listed');
          return result;
        } catch (err) {
          if (!isProviderError(err)) throw err; // a bug of ours, not a vendor failure: do not mask it
          if (err.code === 'notFound') this.directory.learn(provider.name, name, 'absent');
          attempts.push({ provider: provider.name, code: err.code, error: err.message });
          // The provider the caller chose does not have it: that is the answer (a 404 naming it), not a failure to fail over from.
          if (err.code === 'notFound' && provider === pinned) throw new AllProvidersFailedError(symbol, attempts);
        }
      }
    }
    if (!pinned) {
      // The providers left out because they do not have the symbol are named too, with the reason.
      const tried = new Set(attempts.map((a) => a.provider));
      attempts.push(...this.absence(symbol, timeframe).filter((a) => !tried.has(a.provider)));
    }
    throw new AllProvidersFailedError(symbol, attempts);
  }
}
