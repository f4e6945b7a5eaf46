var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { computeBatch, computeSeries, resolveParams } from './core/index.js';
/** Windows remembered at once; a bar close of many symbols × lookbacks fits, older windows go first. */
const MAX_WINDOWS = 512;
/**
 * Indicator series for the alert engine and the API. Computation is memoized per window (series,
 * first and last bar, bar count, and the last bar's values, so a forming bar that moved is
 * recomputed): many alerts evaluated at one bar close compute each distinct (indicator, params)
 * once. Values depend on where the window starts (EMA and RSI seed from it), hence the window key.
 */
let IndicatorService = class IndicatorService {
    memo = new Map();
    /** Work actually done (for tests and metrics): one per distinct (indicator, params) per window. */
    computations = 0;
    /** Values keyed by CONTRACT §4a keys, aligned with `bars`, null during warm-up. Requests must be valid. */
    compute(series, bars, requests) {
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
    window(series, bars) {
        const first = bars[0];
        const last = bars[bars.length - 1];
        const key = [
            series.provider, series.symbol, series.timeframe, bars.length, first?.openTime,
            last?.openTime, last?.close, last?.high, last?.low, last?.volume,
        ].join('|');
        let window = this.memo.get(key);
        if (window) {
            this.memo.delete(key); // most recently used goes last
        }
        else {
            window = new Map();
            if (this.memo.size >= MAX_WINDOWS)
                this.memo.delete(this.memo.keys().next().value);
        }
        this.memo.set(key, window);
        return window;
    }
};
IndicatorService = __decorate([
    Injectable()
], IndicatorService);
export { IndicatorService };
function groupKey(name, params) {
    return [name, ...resolveParams(name, params)].join('_');
}
//# sourceMappingURL=indicator.service.js.map