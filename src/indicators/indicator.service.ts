import { Injectable } from '@nestjs/common';
import type { Bar } from '../base/domain/bar.js';
import { computeSeries, IndicatorWindows, windowKey, type SeriesIdentity, type SeriesRequest } from './core/index.js';

export type { SeriesIdentity } from './core/index.js';

/**
 * Indicator series over bars, for `POST /indicators/compute`, the alert engine and alert previews:
 * all of them read the process's one IndicatorWindows, so a series computed for one is not computed
 * again for another over the same window.
 */
@Injectable()
export class IndicatorService {
  readonly windows = new IndicatorWindows();

  /** Work actually done (tests, benchmarks): one per distinct (indicator, params) per window. */
  get computations(): number {
    return this.windows.computations;
  }

  /** Values keyed by CONTRACT §4a keys, aligned with `bars`, null during warm-up. Requests must be valid. */
  compute(
    series: SeriesIdentity,
    bars: readonly Bar[],
    requests: readonly SeriesRequest[],
  ): Record<string, (number | null)[]> {
    const key = windowKey(series, bars);
    return computeSeries(bars, requests, (name, params) => this.windows.outputs(key, bars, name, params));
  }
}
