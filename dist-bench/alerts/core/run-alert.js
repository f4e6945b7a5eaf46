import { TIMEFRAME_MS } from '../../market-data/core/timeframe.js';
import { stepAlert } from './alert-state.js';
import { createEvalContext } from './eval-context.js';
import { evaluateRule } from './evaluate-rule.js';
/**
 * One evaluation pass of one alert: steps every closed bar not yet stepped (oldest first, so a
 * catch-up run after an outage misses none and repeats none), then the forming bar for
 * `oncePerBar`. Pure: the caller loads the bars and state and persists what comes back.
 */
export function runAlert(input) {
    const { config } = input;
    const tfMs = TIMEFRAME_MS[config.timeframe];
    const withForming = config.trigger === 'oncePerBar' && input.forming ? [...input.bars, input.forming] : input.bars;
    const ctx = createEvalContext({ bars: withForming, timeframe: config.timeframe, seriesFn: input.seriesFn, indicatorSpec: input.indicatorSpec });
    const out = { state: input.state, events: [], triggers: [], evaluated: [] };
    const after = input.state.lastEvaluatedBarOpen ?? Number.NEGATIVE_INFINITY;
    input.bars.forEach((bar, t) => {
        const due = bar.openTime > after && bar.openTime + tfMs > input.anchorMs && bar.openTime <= input.lastClosedOpen;
        if (due) {
            step(out, input, bar, t, true, ctx);
            out.evaluated.push(bar.openTime);
        }
    });
    if (withForming.length > input.bars.length)
        step(out, input, input.forming, withForming.length - 1, false, ctx);
    return out;
}
function step(out, input, bar, t, closed, ctx) {
    const { config } = input;
    const rule = evaluateRule(config.rule, ctx, t);
    const rearm = config.rearm.when ? evaluateRule(config.rearm.when, ctx, t) : undefined;
    const result = stepAlert(out.state, {
        rule, rearm, barOpenTime: bar.openTime, barCloseTime: bar.closeTime, barClosed: closed, nowMs: input.nowMs, config,
    });
    out.state = result.state;
    out.events.push(...result.events);
    if (result.notify)
        out.triggers.push({ bar, values: rule.values });
}
//# sourceMappingURL=run-alert.js.map