import { negligible } from './numeric.js';
/**
 * CCI — (tp − mean(tp)) / (0.015 · meanAbsDev(tp)) over the last `period` typical prices
 * tp = (high+low+close)/3, as TA-Lib's C (same circular-buffer summation order, so the results
 * agree to the last bits). 0 when the numerator or the deviation is zero (TA-Lib), tested
 * relative to the price.
 * Cost: O(period) per bar — the mean absolute deviation about a moving mean has no exact O(1)
 * update; for period ≤ 1000 one pass over a Float64Array is cheaper than an order-statistics tree.
 * Warm-up: `period − 1` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_CCI.c
 */
export class Cci {
    period;
    outputs = ['value'];
    buf;
    count = 0;
    out = NaN;
    pOut = NaN;
    started = false;
    constructor(period) {
        this.period = period;
        this.buf = new Float64Array(period);
    }
    update(bar) {
        this.started = true;
        this.pOut = this.out;
        this.count++;
        return this.step(bar);
    }
    /** The slot of the last bar is simply overwritten: nothing else depends on its old value. */
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.out = this.pOut;
        return this.step(bar);
    }
    value() {
        return this.out === this.out ? this.out : null;
    }
    step(bar) {
        const p = this.period;
        const b = this.buf;
        const tp = (bar.high + bar.low + bar.close) / 3;
        b[(this.count - 1) % p] = tp;
        if (this.count < p)
            return null;
        let avg = 0;
        for (let j = 0; j < p; j++)
            avg += b[j];
        avg /= p;
        let dev = 0;
        for (let j = 0; j < p; j++)
            dev += Math.abs(b[j] - avg);
        const num = tp - avg;
        this.out = negligible(num, avg) || negligible(dev, avg * p) ? 0 : num / (0.015 * (dev / p));
        return this.out;
    }
}
//# sourceMappingURL=cci.js.map