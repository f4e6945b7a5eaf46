/** First index with openTime >= t (bars ascending). */
export function lowerBound(bars, t) {
    let lo = 0;
    let hi = bars.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bars[mid].openTime < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** `a` and `b` ascending; on the same openTime `b` wins (it is the newer fetch). */
export function mergeBars(a, b) {
    if (a.length === 0)
        return [...b];
    if (b.length === 0)
        return [...a];
    const byOpen = new Map();
    for (const bar of a)
        byOpen.set(bar.openTime, bar);
    for (const bar of b)
        byOpen.set(bar.openTime, bar);
    return [...byOpen.values()].sort((x, y) => x.openTime - y.openTime);
}
/**
 * Recent closed bars per series, in memory, so the bar close that many alerts watch is read from
 * the store or the vendor once. Closed bars never change, so entries never expire; they only grow
 * at the tail, are trimmed at the head and are evicted least-recently-used.
 */
export class BarCache {
    entries = new Map();
    total = 0;
    maxPerSeries;
    maxTotal;
    constructor(options = {}) {
        this.maxPerSeries = options.maxBarsPerSeries ?? 8000;
        this.maxTotal = options.maxBarsTotal ?? 1_000_000;
    }
    get size() {
        return this.entries.size;
    }
    peek(key) {
        return this.entries.get(key);
    }
    /** The bars with openTime in [from, to) when the entry vouches for that whole range, else null. */
    covered(key, from, to, nowMs) {
        const e = this.entries.get(key);
        if (!e || from < e.from)
            return null;
        const vouchedTo = e.probedTo !== undefined && nowMs < (e.probeUntil ?? 0) ? Math.max(e.to, e.probedTo) : e.to;
        if (to > vouchedTo)
            return null;
        this.touch(key, e);
        return e.bars.slice(lowerBound(e.bars, from), lowerBound(e.bars, to));
    }
    /** Whatever the entry holds in [from, to), vouched for or not. */
    slice(key, from, to) {
        const e = this.entries.get(key);
        return e ? e.bars.slice(lowerBound(e.bars, from), lowerBound(e.bars, to)) : [];
    }
    /**
     * Adds a range just loaded. Touching or overlapping ranges are joined; a disjoint one replaces
     * the entry when it is more recent (alerts read the recent end), and is dropped otherwise.
     */
    merge(key, range) {
        const e = this.entries.get(key);
        let next = range;
        if (e && range.from <= e.to && e.from <= range.to) {
            const newer = range.to >= e.to ? range : e;
            next = {
                from: Math.min(e.from, range.from), to: Math.max(e.to, range.to), bars: mergeBars(e.bars, range.bars),
                probedTo: newer.probedTo, probeUntil: newer.probeUntil,
            };
        }
        else if (e && range.to < e.from) {
            return;
        }
        this.set(key, this.trimmed(next));
    }
    clear() {
        this.entries.clear();
        this.total = 0;
    }
    trimmed(r) {
        if (r.bars.length <= this.maxPerSeries)
            return r;
        const bars = r.bars.slice(r.bars.length - this.maxPerSeries);
        return { ...r, bars, from: bars[0].openTime };
    }
    set(key, r) {
        const old = this.entries.get(key);
        if (old)
            this.total -= old.bars.length;
        this.entries.delete(key);
        this.entries.set(key, r);
        this.total += r.bars.length;
        for (const [k, v] of this.entries) {
            if (this.total <= this.maxTotal || k === key)
                break;
            this.entries.delete(k);
            this.total -= v.bars.length;
        }
    }
    touch(key, e) {
        this.entries.delete(key);
        this.entries.set(key, e);
    }
}
//# sourceMappingURL=bar-cache.js.map