import { RollingSum } from './window.js';
/**
 * SMA — arithmetic mean of the last `period` closes.
 * Warm-up: `period − 1` bars (first value at index period−1), as TA-Lib's TA_SMA.
 * Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_SMA.c
 */
export class Sma {
    period;
    outputs = ['value'];
    win;
    out = NaN;
    started = false;
    constructor(period) {
        this.period = period;
        this.win = new RollingSum(period);
    }
    update(bar) {
        this.started = true;
        return this.step(bar.close);
    }
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.win.undo();
        return this.step(bar.close);
    }
    value() {
        return this.out === this.out ? this.out : null;
    }
    step(x) {
        const w = this.win;
        w.push(x);
        if (w.count < w.size)
            return null;
        this.out = w.sum / w.size;
        return this.out;
    }
}
//# sourceMappingURL=sma.js.map