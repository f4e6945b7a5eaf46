import type { Bar } from '../../base/domain/bar.js';
import type { IndicatorSpecFn, SeriesFn } from './index.js';
import {
  computeBatch,
  INDICATORS,
  isIndicatorName,
  resolveParams,
  toColumns,
  validateIndicator,
  valueKey,
  warmupBars,
  type IndicatorName,
  type OhlcvColumns,
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

const MAX_WINDOWS = 512;

/**
 * Indicator series shared by every alert evaluated on the same bars: the first alert at a bar
 * close that asks for `rsi(14)` over a window computes it; every other alert on that window gets
 * the same array. Windows are keyed by their identity (provider, symbol, timeframe, first and
 * last bar, length); a forming bar's window is keyed by its values too, since they change.
 */
export class SharedSeries {
  private readonly windows = new Map<string, SharedWindow>();
  computed = 0;

  seriesFor(windowKey: string): SeriesFn {
    return (req, bars) => {
      const name = req.indicator as IndicatorName;
      const outputs = this.outputs(windowKey, bars, name, req.params);
      // The computed array itself (NaN in warm-up, which the evaluator reads as "no value"): no copy, no boxed numbers.
      return outputs[req.output ?? INDICATORS[name].defaultOutput];
    };
  }

  private outputs(
    windowKey: string,
    bars: readonly Bar[],
    name: IndicatorName,
    params: Record<string, unknown>,
  ): Record<string, Float64Array> {
    let window = this.windows.get(windowKey);
    if (!window) {
      if (this.windows.size >= MAX_WINDOWS) this.windows.delete(this.windows.keys().next().value as string);
      window = { columns: null, outputs: new Map() };
      this.windows.set(windowKey, window);
    }
    const group = [name, ...resolveParams(name, params)].join('_');
    let outputs = window.outputs.get(group);
    if (!outputs) {
      // The window's bars become columns once, whatever number of indicators read them.
      window.columns ??= toColumns(bars);
      outputs = computeBatch(name, params, window.columns);
      this.computed += 1;
      window.outputs.set(group, outputs);
    }
    return outputs;
  }
}

/** One window's columns and the indicator outputs computed over it, by indicator and resolved params. */
interface SharedWindow {
  columns: OhlcvColumns | null;
  outputs: Map<string, Record<string, Float64Array>>;
}

export function windowKey(provider: string, symbol: string, timeframe: string, bars: Bar[]): string {
  const first = bars[0];
  const last = bars[bars.length - 1];
  return `${provider}|${symbol}|${timeframe}|${first?.openTime}|${last?.openTime}|${last?.close}|${last?.volume}|${bars.length}`;
}
