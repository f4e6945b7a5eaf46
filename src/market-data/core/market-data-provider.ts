import type { Bar } from '../../base/domain/bar.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../../base/domain/timeframe.js';

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

export interface Quote {
  symbol: string;
  price: number;
  /** When the vendor says the price was observed; null if it does not say. */
  timeMs: number | null;
}

export interface MarketDataProvider {
  readonly name: string;
  /** A symbol that should always answer; the health check quotes it. */
  readonly testSymbol: string;
  readonly supportedTimeframes: readonly Timeframe[];
  /** Cheap, local guess whether the vendor lists the symbol (no I/O except csv's file check). */
  serves(symbol: string): boolean;
  /** Ascending bars, no duplicates, openTime in [fromMs, toMs); closed only unless includeForming. */
  fetchCandles(query: CandleQuery): Promise<Bar[]>;
  latestQuote(symbol: string, signal?: AbortSignal): Promise<Quote>;
  /** False while the provider refuses calls (open circuit); absent means always available. */
  isAvailable?(): boolean;
}

/** A bar is forming while its close lies at or after `nowMs`. */
export function isForming(bar: Bar, nowMs: number): boolean {
  return bar.closeTime >= nowMs;
}

/** The bar in progress at `nowMs`, or null when the vendor has none (market closed, no trade yet). */
export async function fetchFormingBar(
  provider: MarketDataProvider,
  symbol: string,
  timeframe: Timeframe,
  nowMs: number,
  signal?: AbortSignal,
): Promise<Bar | null> {
  const fromMs = barOpenTime(nowMs, timeframe);
  const bars = await provider.fetchCandles({
    symbol,
    timeframe,
    fromMs,
    toMs: fromMs + TIMEFRAME_MS[timeframe],
    nowMs,
    includeForming: true,
    signal,
  });
  const last = bars[bars.length - 1];
  return last && isForming(last, nowMs) ? last : null;
}
