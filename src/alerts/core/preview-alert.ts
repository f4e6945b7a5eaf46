import type { Bar } from '../../base/domain/bar.js';
import type { AlertConfigInput, IndicatorSpecFn, SeriesFn } from './alert-config.js';
import { initialAlertState, stepAlert, type AlertState } from './alert-state.js';
import { createEvalContext } from './eval-context.js';
import { evaluateRule } from './evaluate-rule.js';
import { normalizeAlertConfig } from './validate-alert-config.js';

export interface PreviewFire {
  /** openTime of the bar that fired, ms since epoch. */
  barTime: number;
  bar: Bar;
  values: Record<string, number | null>;
}

/**
 * Where a (valid) alert would have fired over `bars` (ascending, closed), for `POST /alerts/preview`:
 * the state machine is run from a fresh armed state over every closed bar, exactly as the scheduler
 * would step it, at each bar's close instant. Indicator series are computed once over the whole window,
 * so early bars see warm-up nulls and cannot fire — as a live alert with too short a history would not.
 */
export function previewAlert(
  config: AlertConfigInput,
  bars: readonly Bar[],
  seriesFn: SeriesFn,
  indicatorSpec: IndicatorSpecFn,
): PreviewFire[] {
  const cfg = normalizeAlertConfig(config);
  const ctx = createEvalContext({ bars, timeframe: cfg.timeframe, seriesFn, indicatorSpec });
  const fires: PreviewFire[] = [];
  let state: AlertState = initialAlertState();
  for (let t = 0; t < bars.length && (state.status === 'armed' || state.status === 'triggered'); t++) {
    const bar = bars[t];
    const rule = evaluateRule(cfg.rule, ctx, t);
    const rearm = cfg.rearm.when ? evaluateRule(cfg.rearm.when, ctx, t) : undefined;
    const step = stepAlert(state, {
      rule,
      rearm,
      config: cfg,
      barOpenTime: bar.openTime,
      barCloseTime: bar.closeTime,
      barClosed: true,
      nowMs: bar.closeTime + 1,
    });
    state = step.state;
    if (step.notify) fires.push({ barTime: bar.openTime, bar, values: rule.values });
  }
  return fires;
}
