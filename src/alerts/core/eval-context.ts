import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../../base/domain/timeframe.js';
import type { IndicatorSpecFn, Operand, PriceField, Rule, SeriesFn } from './alert-config.js';
import type { RuleEvaluation } from './evaluate-rule.js';

type Series = ArrayLike<number | null>;

/**
 * Everything one evaluation pass needs: the bars (ascending, closed; for `oncePerBar` the forming bar
 * may be the last element) and a memo of operand series, so each distinct series is computed once
 * however many nodes, bars or rules (rule and rearm.when) read it.
 */
export interface EvalContext {
  readonly bars: readonly Bar[];
  readonly timeframeMs: number;
  readonly seriesFn: SeriesFn;
  readonly indicatorSpec: IndicatorSpecFn;
  /**
   * This pass's index of operand series by values key without `_ago` (barsAgo only shifts the
   * index): indicator series are the arrays of the process's one IndicatorWindows (looked up here
   * once per pass, not once per node and bar); price fields are mapped from the bars once.
   */
  readonly series: Map<string, Series>;
  /** gapsBefore[i] = how many missing-bar gaps lie between bars[0] and bars[i]. */
  readonly gapsBefore: readonly number[];
  /**
   * Rule evaluations by bar index and rule object: alerts that share one rule object (the engine
   * interns identical rules) evaluate it once per bar of the window, however many of them there are.
   */
  readonly evaluations: Array<Map<Rule, RuleEvaluation> | undefined>;
}

export interface EvalContextInput {
  bars: readonly Bar[];
  timeframe: Timeframe;
  seriesFn: SeriesFn;
  indicatorSpec: IndicatorSpecFn;
}

export function createEvalContext(input: EvalContextInput): EvalContext {
  const timeframeMs = TIMEFRAME_MS[input.timeframe];
  const gapsBefore: number[] = [];
  input.bars.forEach((bar, i) => {
    const prev = i === 0 ? 0 : gapsBefore[i - 1];
    // Any step other than one timeframe (missing bar, duplicate, misordered) breaks adjacency.
    const gap = i > 0 && bar.openTime - input.bars[i - 1].openTime !== timeframeMs ? 1 : 0;
    gapsBefore.push(prev + gap);
  });
  return { ...input, timeframeMs, series: new Map(), gapsBefore, evaluations: [] };
}

const FIELD_VALUE: Record<PriceField, (b: Bar) => number> = {
  open: (b) => b.open,
  high: (b) => b.high,
  low: (b) => b.low,
  close: (b) => b.close,
  volume: (b) => b.volume,
  hl2: (b) => (b.high + b.low) / 2,
  hlc3: (b) => (b.high + b.low + b.close) / 3,
  ohlc4: (b) => (b.open + b.high + b.low + b.close) / 4,
};

/** §4a values key of an operand at barsAgo 0, or undefined for a constant. */
export function baseKey(operand: Operand, spec: IndicatorSpecFn): string | undefined {
  if ('value' in operand) return undefined;
  if ('field' in operand) return operand.field;
  return spec(operand.indicator, operand.params ?? {}, operand.output).key;
}

/**
 * §4a values key: `rsi_14`, `macd_12_26_9_signal`, `close`; `barsAgo: k` (k > 0) appends `_ago<k>`.
 * barsAgo 0 is the same value as no barsAgo, so it gets the same key. Undefined for constants.
 */
export function operandKey(operand: Operand, spec: IndicatorSpecFn): string | undefined {
  const key = baseKey(operand, spec);
  const ago = operand.barsAgo ?? 0;
  return key === undefined || ago === 0 ? key : `${key}_ago${ago}`;
}

/**
 * Base keys by operand object, for each indicator spec: the spec is asked once per operand, not once
 * per bar or window (the engine keeps rules, and so their operands, from one bar to the next).
 */
const baseKeys = new WeakMap<IndicatorSpecFn, WeakMap<Operand, string>>();

function cachedKey(ctx: EvalContext, operand: Exclude<Operand, { value: number }>): string {
  let keys = baseKeys.get(ctx.indicatorSpec);
  if (keys === undefined) baseKeys.set(ctx.indicatorSpec, (keys = new WeakMap()));
  let key = keys.get(operand);
  if (key === undefined) {
    key = baseKey(operand, ctx.indicatorSpec)!;
    keys.set(operand, key);
  }
  return key;
}

function seriesOf(ctx: EvalContext, operand: Exclude<Operand, { value: number }>, key: string): Series {
  const cached = ctx.series.get(key);
  if (cached) return cached;
  const series =
    'field' in operand
      ? ctx.bars.map(FIELD_VALUE[operand.field])
      : ctx.seriesFn({ indicator: operand.indicator, params: operand.params ?? {}, output: operand.output }, ctx.bars);
  ctx.series.set(key, series);
  return series;
}

/** True when bars[from..to] are consecutive bars of the timeframe (no missing bar in between). */
export function isContiguous(ctx: EvalContext, from: number, to: number): boolean {
  return ctx.gapsBefore[to] === ctx.gapsBefore[from];
}

/**
 * The operand's value `shift` bars before bar index t (its own barsAgo added). Null — never an
 * error — when that bar is before the data, across a gap, or in the indicator's warm-up.
 */
export function operandValueAt(ctx: EvalContext, operand: Operand, t: number, shift = 0): number | null {
  if ('value' in operand) return operand.value;
  if (t < 0 || t >= ctx.bars.length) return null;
  const idx = t - (operand.barsAgo ?? 0) - shift;
  if (idx < 0 || !isContiguous(ctx, idx, t)) return null;
  const v = seriesOf(ctx, operand, cachedKey(ctx, operand))[idx];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
