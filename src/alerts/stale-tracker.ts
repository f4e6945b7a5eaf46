/** Which alert series are stale right now (CONTRACT §4: `/health` reports degraded while any is). */
export class StaleTracker {
  private readonly staleSeries = new Map<string, string>();

  stale(key: string, description: string): void {
    this.staleSeries.set(key, description);
  }

  fresh(key: string): void {
    this.staleSeries.delete(key);
  }

  issues(): string[] {
    return [...this.staleSeries.values()].map((d) => `stale market data: ${d}`);
  }
}
