import type { Bar } from '../../base/domain/bar.js';
import type { IndicatorSpecFn, SeriesFn } from './index.js';
import {
  INDICATORS,
  isIndicatorName,
  validateIndicator,
  valueKey,
  warmupBars,
  type IndicatorName,
  windowKey,
  type IndicatorWindows,
  type SeriesIdentity,
} from '../../indicators/core/index.js';

function describe(
  indicator: string,
  params: Record<string, unknown>,
  output: string | undefined,
): ReturnType<IndicatorSpecFn> {
  const problems = validateIndicator(indicator, params, output);
  if (!isIndicatorName(indicator) || problems.length > 0) return { key: String(indicator), problems, warmup: 0 };
  return { key: valueKey(indicator, params, output), problems, warmup: warmupBars(indicator, params) };
}

/** Answers by (indicator, output, params): 100,000 alerts at a bar close ask about a few hundred distinct operands. */
const specs = new Map<string, ReturnType<IndicatorSpecFn>>();
const MAX_SPECS = 10_000;

/** The alert core's view of the indicator registry: §4a keys, problems relative to the operand, warm-up. */
export const indicatorSpec: IndicatorSpecFn = (indicator, params, output) => {
  let memoKey = `${indicator}|${output ?? ''}`;
  for (const name in params) {
    const v = params[name];
    // Only plain numbers and strings key the memo; anything else (a bad body being validated) is described afresh.
    if (typeof v !== 'number' && typeof v !== 'string') return describe(indicator, params, output);
    memoKey += `|${name}=${typeof v}:${v}`;
  }
  let spec = specs.get(memoKey);
  if (!spec) {
    if (specs.size >= MAX_SPECS) specs.clear();
    spec = describe(indicator, params, output);
    specs.set(memoKey, spec);
  }
  return spec;
};

/**
 * The evaluator's SeriesFn over one window of the shared IndicatorWindows: the computed array itself
 * (NaN in warm-up, which the evaluator reads as "no value"), no copy, no boxed numbers.
 */
export function seriesOver(windows: IndicatorWindows, series: SeriesIdentity, windowBars: readonly Bar[]): SeriesFn {
  const key = windowKey(series, windowBars);
  return (req, bars) => {
    const name = req.indicator as IndicatorName;
    return windows.outputs(key, bars, name, req.params)[req.output ?? INDICATORS[name].defaultOutput];
  };
}
