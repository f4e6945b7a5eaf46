import type { Clock } from '../../base/time/clock.js';

/** What is known of one vendor and one symbol: it lists it, it said it does not have it, or nobody knows yet. */
export type SymbolStatus = 'listed' | 'absent' | 'unknown';

export interface SymbolDirectoryOptions {
  /** How long a vendor's symbol list (Binance exchangeInfo, weight 20 of 6000 a minute) is trusted. */
  listingTtlMs?: number;
  /** How long a failed listing fetch is not retried. */
  listingRetryMs?: number;
  /** How long a "not found" or a served answer from trying is remembered. */
  learnedTtlMs?: number;
}

const MAX_LEARNED = 50_000;

interface Listing {
  symbols: ReadonlySet<string>;
  until: number;
}

/**
 * Which vendor serves which symbol, learned from the vendors (CONTRACT §6, §8), never guessed from
 * a symbol's spelling: a vendor's own symbol list where it publishes one (cached with a TTL), and
 * otherwise what trying answered (not found, or bars) remembered for a while.
 */
export class SymbolDirectory {
  private readonly listings = new Map<string, Listing>();
  private readonly listingFailedUntil = new Map<string, number>();
  private readonly learned = new Map<string, { status: 'listed' | 'absent'; until: number }>();
  private readonly listingTtlMs: number;
  private readonly listingRetryMs: number;
  private readonly learnedTtlMs: number;

  constructor(
    private readonly clock: Clock,
    options: SymbolDirectoryOptions = {},
  ) {
    this.listingTtlMs = options.listingTtlMs ?? 600_000;
    this.listingRetryMs = options.listingRetryMs ?? 60_000;
    this.learnedTtlMs = options.learnedTtlMs ?? 3_600_000;
  }

  status(provider: string, symbol: string): SymbolStatus {
    const now = this.clock.now();
    const listing = this.listings.get(provider);
    if (listing && listing.until > now) return listing.symbols.has(symbol) ? 'listed' : 'absent';
    const learned = this.learned.get(`${provider}|${symbol}`);
    return learned && learned.until > now ? learned.status : 'unknown';
  }

  /** Whether the vendor's list should be (re)fetched now: none, expired, and no recent failure. */
  listingDue(provider: string): boolean {
    const now = this.clock.now();
    const listing = this.listings.get(provider);
    return (!listing || listing.until <= now) && (this.listingFailedUntil.get(provider) ?? 0) <= now;
  }

  setListing(provider: string, symbols: Iterable<string>): void {
    this.listings.set(provider, { symbols: new Set(symbols), until: this.clock.now() + this.listingTtlMs });
  }

  listingFailed(provider: string): void {
    this.listingFailedUntil.set(provider, this.clock.now() + this.listingRetryMs);
  }

  /**
   * Trying answered: the vendor has the symbol (`listed`) or said it does not (`absent`). At most
   * MAX_LEARNED answers are kept (requests for random symbols must not grow memory), oldest first out.
   */
  learn(provider: string, symbol: string, status: 'listed' | 'absent'): void {
    const key = `${provider}|${symbol}`;
    this.learned.delete(key);
    this.learned.set(key, { status, until: this.clock.now() + this.learnedTtlMs });
    if (this.learned.size > MAX_LEARNED) this.learned.delete(this.learned.keys().next().value!);
  }
}
