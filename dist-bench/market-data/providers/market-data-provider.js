import { barOpenTime, TIMEFRAME_MS } from '../core/timeframe.js';
export { ProviderError, isProviderError, redactSecrets } from './provider-error.js';
/** A bar is forming while its close lies at or after `nowMs`. */
export function isForming(bar, nowMs) {
    return bar.closeTime >= nowMs;
}
/** The bar in progress at `nowMs`, or null when the vendor has none (market closed, no trade yet). */
export async function fetchFormingBar(provider, symbol, timeframe, nowMs, signal) {
    const fromMs = barOpenTime(nowMs, timeframe);
    const bars = await provider.fetchCandles({
        symbol, timeframe, fromMs, toMs: fromMs + TIMEFRAME_MS[timeframe], nowMs, includeForming: true, signal,
    });
    const last = bars[bars.length - 1];
    return last && isForming(last, nowMs) ? last : null;
}
//# sourceMappingURL=market-data-provider.js.map