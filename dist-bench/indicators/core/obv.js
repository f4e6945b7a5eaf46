/**
 * OBV — on-balance volume: starts at the first bar's volume (as TA-Lib does), then adds the
 * volume of an up-close bar and subtracts that of a down-close bar.
 * Warm-up: none. Reference: https://github.com/TA-Lib/ta-lib/blob/main/src/ta_func/ta_OBV.c
 */
export class Obv {
    outputs = ['value'];
    obv = NaN;
    prevClose = NaN;
    pObv = NaN;
    pPrevClose = NaN;
    started = false;
    update(bar) {
        this.started = true;
        this.pObv = this.obv;
        this.pPrevClose = this.prevClose;
        return this.step(bar);
    }
    replace(bar) {
        if (!this.started)
            return this.update(bar);
        this.obv = this.pObv;
        this.prevClose = this.pPrevClose;
        return this.step(bar);
    }
    value() {
        return this.obv === this.obv ? this.obv : null;
    }
    step(bar) {
        const c = bar.close;
        if (this.obv !== this.obv)
            this.obv = bar.volume;
        else if (c > this.prevClose)
            this.obv += bar.volume;
        else if (c < this.prevClose)
            this.obv -= bar.volume;
        this.prevClose = c;
        return this.obv;
    }
}
//# sourceMappingURL=obv.js.map