import { computeBatch, INDICATORS, isIndicatorName, resolveParams, toColumns, validateIndicator, valueKey, warmupBars, } from '../indicators/core/index.js';
/** The alert core's view of the indicator registry: §4a keys, problems relative to the operand, warm-up. */
export const indicatorSpec = (indicator, params, output) => {
    const problems = validateIndicator(indicator, params, output);
    if (!isIndicatorName(indicator) || problems.length > 0)
        return { key: String(indicator), problems, warmup: 0 };
    return { key: valueKey(indicator, params, output), problems, warmup: warmupBars(indicator, params) };
};
const MAX_WINDOWS = 512;
/**
 * Indicator series shared by every alert evaluated on the same bars: the first alert at a bar
 * close that asks for `rsi(14)` over a window computes it; every other alert on that window gets
 * the same array. Windows are keyed by their identity (provider, symbol, timeframe, first and
 * last bar, length); a forming bar's window is keyed by its values too, since they change.
 */
export class SharedSeries {
    windows = new Map();
    computed = 0;
    seriesFor(windowKey) {
        return (req, bars) => {
            const name = req.indicator;
            const outputs = this.outputs(windowKey, bars, name, req.params);
            const output = req.output ?? INDICATORS[name].defaultOutput;
            const xs = outputs[output];
            const out = new Array(xs.length);
            for (let i = 0; i < xs.length; i++)
                out[i] = Number.isNaN(xs[i]) ? null : xs[i];
            return out;
        };
    }
    outputs(windowKey, bars, name, params) {
        let groups = this.windows.get(windowKey);
        if (!groups) {
            if (this.windows.size >= MAX_WINDOWS)
                this.windows.delete(this.windows.keys().next().value);
            groups = new Map();
            this.windows.set(windowKey, groups);
        }
        const group = [name, ...resolveParams(name, params)].join('_');
        let outputs = groups.get(group);
        if (!outputs) {
            outputs = computeBatch(name, params, toColumns(bars));
            this.computed += 1;
            groups.set(group, outputs);
        }
        return outputs;
    }
}
export function windowKey(provider, symbol, timeframe, bars) {
    const first = bars[0];
    const last = bars[bars.length - 1];
    return `${provider}|${symbol}|${timeframe}|${first?.openTime}|${last?.openTime}|${last?.close}|${last?.volume}|${bars.length}`;
}
//# sourceMappingURL=indicator-adapter.js.map