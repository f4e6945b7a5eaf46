/**
 * Concurrent calls with the same key share one in-flight promise, so a bar close watched by a
 * thousand alerts costs one vendor request. The entry is dropped when the promise settles: this
 * is deduplication of concurrent work, not a cache.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  do(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = Promise.resolve()
      .then(fn)
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Keys with a call under way (for metrics). */
  get size(): number {
    return this.inFlight.size;
  }
}
