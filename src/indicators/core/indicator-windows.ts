import type { Bar } from '../../base/domain/bar.js';
import { computeBatch, toColumns, type OhlcvColumns } from './batch.js';
import { resolveParams } from './registry.js';
import type { IndicatorName } from './types.js';

/** Which series the bars are: one symbol's values must never be served for another's. */
export interface SeriesIdentity {
  provider: string;
  symbol: string;
  timeframe: string;
}

export type IndicatorOutputs = Record<string, Float64Array>;

/** One window's columns and the outputs computed over it, by indicator and resolved params. */
interface IndicatorWindow {
  columns: OhlcvColumns | null;
  outputs: Map<string, IndicatorOutputs>;
}

/**
 * Windows remembered at once (a window of 300 bars with a few indicators is some 30 KB): a pass
 * reads its windows one after the other, so this bounds memory, not hits; the least recently used
 * go first.
 */
export const MAX_WINDOWS = 1024;

/**
 * The process's one cache of indicator values per window, shared by `POST /indicators/compute`,
 * alert evaluation and `POST /alerts/preview`: the first reader of `rsi(14)` over a window computes
 * it, every other reader (100,000 alerts at one bar close ask about a few hundred distinct series)
 * gets the same array. Values depend on where the window starts (EMA and RSI seed from it), so a
 * window is its series, first and last bar and length; a forming last bar is keyed by its values
 * too, since they move.
 */
export class IndicatorWindows {
  private readonly windows = new Map<string, IndicatorWindow>();
  /** Work actually done (tests, benchmarks): one per distinct (indicator, params) per window. */
  computations = 0;

  constructor(private readonly maxWindows = MAX_WINDOWS) {}

  /** Every output of `name(params)` over `bars`, NaN in warm-up; computed once per window. */
  outputs(
    windowKey: string,
    bars: readonly Bar[],
    name: IndicatorName,
    params: Record<string, unknown>,
  ): IndicatorOutputs {
    const window = this.window(windowKey);
    const group = groupKey(name, params);
    let outputs = window.outputs.get(group);
    if (!outputs) {
      // The window's bars become columns once, whatever number of indicators read them.
      window.columns ??= toColumns(bars);
      outputs = computeBatch(name, params, window.columns);
      this.computations += 1;
      window.outputs.set(group, outputs);
    }
    return outputs;
  }

  private window(key: string): IndicatorWindow {
    let window = this.windows.get(key);
    if (window) {
      this.windows.delete(key); // most recently used goes last
    } else {
      window = { columns: null, outputs: new Map() };
      if (this.windows.size >= this.maxWindows) this.windows.delete(this.windows.keys().next().value!);
    }
    this.windows.set(key, window);
    return window;
  }
}

/** The identity of `bars` of `series` as a window: see IndicatorWindows. */
export function windowKey(series: SeriesIdentity, bars: readonly Bar[]): string {
  const first = bars[0];
  const last = bars[bars.length - 1];
  return `${series.provider}|${series.symbol}|${series.timeframe}|${bars.length}|${first?.openTime}|${last?.openTime}|${last?.close}|${last?.high}|${last?.low}|${last?.volume}`;
}

function groupKey(name: IndicatorName, params: Record<string, unknown>): string {
  return [name, ...resolveParams(name, params)].join('_');
}
