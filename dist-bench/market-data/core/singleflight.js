/**
 * Concurrent calls with the same key share one in-flight promise, so a bar close watched by a
 * thousand alerts costs one vendor request. The entry is dropped when the promise settles: this
 * is deduplication of concurrent work, not a cache.
 */
export class SingleFlight {
    inFlight = new Map();
    do(key, fn) {
        const running = this.inFlight.get(key);
        if (running)
            return running;
        const promise = Promise.resolve()
            .then(fn)
            .finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, promise);
        return promise;
    }
    /** Keys with a call under way (for metrics). */
    get size() {
        return this.inFlight.size;
    }
}
//# sourceMappingURL=singleflight.js.map