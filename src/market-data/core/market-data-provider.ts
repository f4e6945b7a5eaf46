import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';

export { ProviderError, isProviderError, redactSecrets } from './provider-error.js';
export type { ProviderErrorCode, ProviderErrorOptions } from './provider-error.js';

/** One request for bars: `openTime` in [fromMs, toMs), judged closed or forming against `nowMs`. */
export interface CandleQuery {
  symbol: string;
  timeframe: Timeframe;
  fromMs: number;
  toMs: number;
  /** The caller's clock; never the vendor's, so replayed clocks and tests decide what is closed. */
  nowMs: number;
  /**
   * When true the answer may end with the forming bar (closeTime >= nowMs), for `oncePerBar`
   * alerts. Default false: closed bars only, which is what every indicator must see.
   */
  includeForming?: boolean;
  signal?: AbortSignal;
}

/** "The last `count` bars before `toMs`", however long ago they are (CONTRACT §8's windows). */
export interface LastCandlesQuery {
  symbol: string;
  timeframe: Timeframe;
  /** Exclusive upper bound on openTime. */
  toMs: number;
  count: number;
  /** The caller's clock: only bars closed by then are answered. */
  nowMs: number;
  signal?: AbortSignal;
}

export interface Quote {
  symbol: string;
  price: number;
  /** When the vendor says the price was observed; null if it does not say. */
  timeMs: number | null;
}

export interface MarketDataProvider {
  readonly name: string;
  readonly supportedTimeframes: readonly Timeframe[];
  /**
   * Whether the vendor could have the symbol at all, locally and cheaply: the characters it spells
   * symbols with, csv's file check. Whether it does is learned from it (listSymbols, or trying).
   */
  serves(symbol: string): boolean;
  /** Ascending bars, no duplicates, openTime in [fromMs, toMs); closed only unless includeForming. */
  fetchCandles(query: CandleQuery): Promise<Bar[]>;
  latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote>;
  /**
   * The last `count` closed bars with openTime < toMs, ascending; fewer only when the vendor has no
   * more (its history starts there). Vendors that can count natively implement it (Binance:
   * `endTime` + `limit`; csv: the file); the others are searched backward by time ranges
   * (`fetchLastViaRanges`).
   */
  fetchLastCandles?(query: LastCandlesQuery): Promise<Bar[]>;
  /**
   * Every symbol the vendor lists, where it publishes such a list (Binance: exchangeInfo). The
   * chain caches it with a TTL; vendors without one are learned from trying.
   */
  listSymbols?(): Promise<string[]>;
  /** Why the symbol is not served, in the provider's own terms (csv: the file it looked for). */
  absenceReason?(symbol: string, timeframe?: Timeframe): string | undefined;
  /** False while the provider refuses calls (open circuit); absent means always available. */
  isAvailable?(): boolean;
}

/** A bar is forming while its close lies at or after `nowMs`. */
export function isForming(bar: Bar, nowMs: number): boolean {
  return bar.closeTime >= nowMs;
}
