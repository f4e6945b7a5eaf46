import { RollingSum } from './window.js';
/**
 * ROC — ((close / close[period bars ago]) − 1)·100, TA-Lib's ROC.
 * Warm-up: `period` bars. A zero previous close has no rate of change: we return `null` there
 * where TA-Lib writes 0 (real prices are never 0, so reference series agree).
 * Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_ROC.c
 */
export class Roc {
    period;
    outputs = ['value'];
    win;
    out = NaN;
    pOut = NaN;
    started = false;
    constructor(period) {
        this.period = period;
        this.win = new RollingSum(period);
    }
    update(bar) {
        this.started = true;
        this.pOut = this.out;
        return this.step(bar.close);
    }
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.win.undo();
        this.out = this.pOut;
        return this.step(bar.close);
    }
    value() {
        return this.out === this.out ? this.out : null;
    }
    step(x) {
        const w = this.win;
        const full = w.count === w.size;
        const prev = w.oldest();
        w.push(x);
        if (!full)
            return null;
        this.out = prev !== 0 ? (x / prev - 1) * 100 : NaN;
        return this.out === this.out ? this.out : null;
    }
}
//# sourceMappingURL=roc.js.map