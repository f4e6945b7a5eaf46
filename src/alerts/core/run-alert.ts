import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAME_MS } from '../../base/domain/timeframe.js';
import type { AlertBehaviour, IndicatorSpecFn, SeriesFn } from './alert-config.js';
import { stepAlert, type AlertEvent, type AlertState } from './alert-state.js';
import { createEvalContext, type EvalContext } from './eval-context.js';
import { evaluateRuleShared } from './evaluate-rule.js';

export interface AlertRunInput {
  /** A whole AlertConfig will do; only its behaviour is read. */
  config: AlertBehaviour;
  state: AlertState;
  /** Closed bars, ascending, ending at (or before) `lastClosedOpen`. */
  bars: Bar[];
  /** The bar in progress, for `oncePerBar`; ignored by the other trigger modes. */
  forming: Bar | null;
  /** Creation or resume time: only bars that close after it are evaluated (nothing fires retroactively). */
  anchorMs: number;
  /** openTime of the newest bar that should be closed at this run's fire time. */
  lastClosedOpen: number;
  nowMs: number;
  seriesFn: SeriesFn;
  indicatorSpec: IndicatorSpecFn;
  /**
   * An evaluation context over exactly these bars (plus the forming bar for `oncePerBar`), shared
   * by every alert on the same window so each operand series is computed and indexed once.
   */
  ctx?: EvalContext;
}

export interface AlertTrigger {
  bar: Bar;
  values: Record<string, number | null>;
}

export interface AlertRunOutput {
  state: AlertState;
  events: AlertEvent[];
  triggers: AlertTrigger[];
  /** openTimes of the closed bars stepped (oldest first). */
  evaluated: number[];
  /** The flood guard paused the alert on this bar: no later bar is stepped. */
  paused?: { reason: 'flood'; bar: Bar; values: Record<string, number | null>; triggers: number; perSeconds: number };
}

/**
 * One evaluation pass of one alert: steps every closed bar not yet stepped (oldest first, so a
 * catch-up run after an outage misses none and repeats none), then the forming bar for
 * `oncePerBar`. Pure: the caller loads the bars and state and persists what comes back.
 */
export function runAlert(input: AlertRunInput): AlertRunOutput {
  const { config } = input;
  const tfMs = TIMEFRAME_MS[config.timeframe];
  const withForming = config.trigger === 'oncePerBar' && input.forming ? [...input.bars, input.forming] : input.bars;
  const ctx =
    input.ctx ??
    createEvalContext({
      bars: withForming,
      timeframe: config.timeframe,
      seriesFn: input.seriesFn,
      indicatorSpec: input.indicatorSpec,
    });
  const out: AlertRunOutput = { state: input.state, events: [], triggers: [], evaluated: [] };
  const after = input.state.lastEvaluatedBarOpen ?? Number.NEGATIVE_INFINITY;
  // Bars are ascending and usually one or two are new: find the first not stepped from the end,
  // rather than looking at every bar of the window for every alert.
  let first = input.bars.length;
  while (first > 0 && input.bars[first - 1].openTime > after) first--;
  for (let t = first; t < input.bars.length; t++) {
    const bar = input.bars[t];
    if (bar.openTime + tfMs > input.anchorMs && bar.openTime <= input.lastClosedOpen) {
      step(out, input, bar, t, true, ctx);
      out.evaluated.push(bar.openTime);
      if (out.paused) return out;
    }
  }
  if (withForming.length > input.bars.length) step(out, input, input.forming!, withForming.length - 1, false, ctx);
  return out;
}

function step(out: AlertRunOutput, input: AlertRunInput, bar: Bar, t: number, closed: boolean, ctx: EvalContext): void {
  const { config } = input;
  const rule = evaluateRuleShared(config.rule, ctx, t);
  const rearm = config.rearm.when ? evaluateRuleShared(config.rearm.when, ctx, t) : undefined;
  const result = stepAlert(out.state, {
    rule,
    rearm,
    barOpenTime: bar.openTime,
    barCloseTime: bar.closeTime,
    barClosed: closed,
    nowMs: input.nowMs,
    config,
  });
  out.state = result.state;
  out.events.push(...result.events);
  if (result.notify) out.triggers.push({ bar, values: rule.values });
  if (result.paused) out.paused = { ...result.paused, bar, values: rule.values };
}
