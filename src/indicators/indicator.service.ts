import { Injectable } from '@nestjs/common';
import type { Bar } from '../base/domain/bar.js';
import { computeBatch, computeSeries, resolveParams, type SeriesRequest } from './core/index.js';
import type { IndicatorName } from './core/types.js';

/** Which series the bars are: the memo must never serve one symbol's values for another's. */
export interface SeriesIdentity {
  provider: string;
  symbol: string;
  timeframe: string;
}

type Outputs = Record<string, Float64Array>;

/** Windows remembered at once; a bar close of many symbols × lookbacks fits, older windows go first. */
const MAX_WINDOWS = 512;

/**
 * Indicator series for `POST /indicators/compute`. Computation is memoized per window (series,
 * first and last bar, bar count, and the last bar's values, so a forming bar that moved is
 * recomputed): many alerts evaluated at one bar close compute each distinct (indicator, params)
 * once. Values depend on where the window starts (EMA and RSI seed from it), hence the window key.
 */
@Injectable()
export class IndicatorService {
  private readonly memo = new Map<string, Map<string, Outputs>>();
  /** Work actually done (for tests and metrics): one per distinct (indicator, params) per window. */
  computations = 0;

  /** Values keyed by CONTRACT §4a keys, aligned with `bars`, null during warm-up. Requests must be valid. */
  compute(
    series: SeriesIdentity,
    bars: readonly Bar[],
    requests: readonly SeriesRequest[],
  ): Record<string, (number | null)[]> {
    const window = this.window(series, bars);
    return computeSeries(bars, requests, (name, params, cols) => {
      const group = groupKey(name, params);
      let outputs = window.get(group);
      if (!outputs) {
        outputs = computeBatch(name, params, cols);
        this.computations++;
        window.set(group, outputs);
      }
      return outputs;
    });
  }

  private window(series: SeriesIdentity, bars: readonly Bar[]): Map<string, Outputs> {
    const first = bars[0];
    const last = bars[bars.length - 1];
    const key = [
      series.provider,
      series.symbol,
      series.timeframe,
      bars.length,
      first?.openTime,
      last?.openTime,
      last?.close,
      last?.high,
      last?.low,
      last?.volume,
    ].join('|');
    let window = this.memo.get(key);
    if (window) {
      this.memo.delete(key); // most recently used goes last
    } else {
      window = new Map();
      if (this.memo.size >= MAX_WINDOWS) this.memo.delete(this.memo.keys().next().value!);
    }
    this.memo.set(key, window);
    return window;
  }
}

function groupKey(name: IndicatorName, params: Record<string, unknown>): string {
  return [name, ...resolveParams(name, params)].join('_');
}
