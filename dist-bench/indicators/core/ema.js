/**
 * EMA — ema = (close − ema)·k + ema with k = 2/(period+1), seeded by the SMA of the first
 * `period` closes (TA-Lib's default compatibility mode).
 * Warm-up: `period − 1` bars. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_EMA.c
 */
export class Ema {
    period;
    outputs = ['value'];
    k;
    count = 0;
    sum = 0;
    ema = NaN;
    pCount = 0;
    pSum = 0;
    pEma = NaN;
    started = false;
    constructor(period) {
        this.period = period;
        this.k = 2 / (period + 1);
    }
    update(bar) {
        this.started = true;
        this.pCount = this.count;
        this.pSum = this.sum;
        this.pEma = this.ema;
        return this.step(bar.close);
    }
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.count = this.pCount;
        this.sum = this.pSum;
        this.ema = this.pEma;
        return this.step(bar.close);
    }
    value() {
        return this.ema === this.ema ? this.ema : null;
    }
    step(x) {
        const n = ++this.count;
        if (n > this.period) {
            this.ema = (x - this.ema) * this.k + this.ema;
            return this.ema;
        }
        this.sum += x;
        if (n < this.period)
            return null;
        this.ema = this.sum / this.period;
        return this.ema;
    }
}
//# sourceMappingURL=ema.js.map