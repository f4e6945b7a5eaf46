import { RollingSum } from './window.js';
/**
 * WMA — linearly weighted mean of the last `period` closes (weights 1…period, newest heaviest),
 * divided by period·(period+1)/2. Kept O(1) with TA-Lib's identity
 * weighted' = weighted − sum(previous window) + period·close; recomputed exactly at each wrap.
 * Warm-up: `period − 1` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_WMA.c
 */
export class Wma {
    period;
    outputs = ['value'];
    win;
    divider;
    weighted = 0;
    pWeighted = 0;
    out = NaN;
    started = false;
    constructor(period) {
        this.period = period;
        this.win = new RollingSum(period);
        this.divider = (period * (period + 1)) / 2;
    }
    update(bar) {
        this.started = true;
        this.pWeighted = this.weighted;
        return this.step(bar.close);
    }
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.win.undo();
        this.weighted = this.pWeighted;
        return this.step(bar.close);
    }
    value() {
        return this.out === this.out ? this.out : null;
    }
    step(x) {
        const w = this.win;
        const p = this.period;
        if (w.count < p)
            this.weighted += (w.count + 1) * x;
        else
            this.weighted += p * x - w.sum;
        w.push(x);
        if (w.count < p)
            return null;
        // The window just wrapped: rebuild the weighted sum from the buffer (bounded rounding error).
        if (w.nextSlot === 0)
            this.weighted = this.exactWeighted();
        this.out = this.weighted / this.divider;
        return this.out;
    }
    exactWeighted() {
        const b = this.win.buf;
        let s = 0;
        for (let i = 0; i < b.length; i++)
            s += (i + 1) * b[i];
        return s;
    }
}
//# sourceMappingURL=wma.js.map