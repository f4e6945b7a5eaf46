import { atrKernel, emaKernel, obvKernel, rocKernel, rsiKernel, smaKernel } from './kernels.js';
import { INDICATORS, resolveParams, valueKey, type IndicatorParams, type ParamValue } from './registry.js';
import type { Bar, IndicatorName } from './types.js';

/** One operand asking for an indicator output (CONTRACT §4 operand, minus `barsAgo`). */
export interface SeriesRequest {
  indicator: IndicatorName;
  params?: IndicatorParams;
  output?: string;
}

/** Bars as columns, the input of the batch path. */
export interface OhlcvColumns {
  openTime: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function toColumns(bars: readonly Bar[]): OhlcvColumns {
  const n = bars.length;
  const cols: OhlcvColumns = {
    openTime: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    cols.openTime[i] = b.openTime;
    cols.high[i] = b.high;
    cols.low[i] = b.low;
    cols.close[i] = b.close;
    cols.volume[i] = b.volume;
  }
  return cols;
}

/**
 * Every output of one indicator over the whole series, as Float64Arrays aligned with the bars
 * (NaN = no value yet). Uses a tight-loop kernel where there is one, else drives the streaming
 * class over a single reused bar object (the classes never keep a reference to a bar).
 */
export function computeBatch(
  name: IndicatorName,
  params: IndicatorParams,
  data: OhlcvColumns,
): Record<string, Float64Array> {
  const values = resolveParams(name, params);
  const p = values[0] as number;
  switch (name) {
    case 'sma':
      return { value: smaKernel(data.close, p) };
    case 'ema':
      return { value: emaKernel(data.close, p) };
    case 'rsi':
      return { value: rsiKernel(data.close, p) };
    case 'atr':
      return { value: atrKernel(data.high, data.low, data.close, p) };
    case 'roc':
      return { value: rocKernel(data.close, p) };
    case 'obv':
      return { value: obvKernel(data.close, data.volume) };
    default:
      return streamBatch(name, values, data);
  }
}

function streamBatch(name: IndicatorName, values: ParamValue[], data: OhlcvColumns): Record<string, Float64Array> {
  const spec = INDICATORS[name];
  const ind = spec.create(values);
  const n = data.close.length;
  const outs = spec.outputs.map(() => new Float64Array(n));
  const bar: Bar = { openTime: 0, closeTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let i = 0; i < n; i++) {
    bar.openTime = data.openTime[i];
    bar.high = data.high[i];
    bar.low = data.low[i];
    bar.close = data.close[i];
    bar.volume = data.volume[i];
    ind.update(bar);
    for (let o = 0; o < outs.length; o++) outs[o][i] = ind.value(spec.outputs[o]) ?? NaN;
  }
  const result: Record<string, Float64Array> = {};
  spec.outputs.forEach((o, idx) => {
    result[o] = outs[idx];
  });
  return result;
}

/**
 * Values of every requested operand over `bars`, keyed by the §4a `values` key, `null` where an
 * output is not defined. Each distinct (indicator, params) is computed exactly once, however many
 * requests or outputs ask for it — many alerts on one symbol share the work. `compute` is the
 * per-indicator batch function (injectable so tests can count the work done).
 */
export function computeSeries(
  bars: readonly Bar[],
  requests: readonly SeriesRequest[],
  compute: typeof computeBatch = computeBatch,
): Record<string, (number | null)[]> {
  const result: Record<string, (number | null)[]> = {};
  const computed = new Map<string, Record<string, Float64Array>>();
  let cols: OhlcvColumns | undefined;
  for (const req of requests) {
    const spec = INDICATORS[req.indicator];
    const params = req.params ?? {};
    const output = req.output ?? spec.defaultOutput;
    const key = valueKey(req.indicator, params, output);
    if (key in result) continue;
    const groupKey = [req.indicator, ...resolveParams(req.indicator, params)].join('_');
    let outputs = computed.get(groupKey);
    if (!outputs) {
      cols ??= toColumns(bars);
      outputs = compute(req.indicator, params, cols);
      computed.set(groupKey, outputs);
    }
    result[key] = toNullable(outputs[output]);
  }
  return result;
}

function toNullable(xs: Float64Array): (number | null)[] {
  const out = new Array<number | null>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    out[i] = x === x ? x : null;
  }
  return out;
}
