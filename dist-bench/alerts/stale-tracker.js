/** Which alert series are stale right now (CONTRACT §4: `/health` reports degraded while any is). */
export class StaleTracker {
    staleSeries = new Map();
    stale(key, description) {
        this.staleSeries.set(key, description);
    }
    fresh(key) {
        this.staleSeries.delete(key);
    }
    issues() {
        return [...this.staleSeries.values()].map((d) => `stale market data: ${d}`);
    }
}
//# sourceMappingURL=stale-tracker.js.map