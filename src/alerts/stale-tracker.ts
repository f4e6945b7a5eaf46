/**
 * Which alert series are stale right now (CONTRACT §4: `/health` reports degraded while any is), or,
 * with another `label`, which cannot be loaded at all (unknown symbol, provider down).
 */
export class StaleTracker {
  private readonly staleSeries = new Map<string, string>();

  constructor(private readonly label = 'stale market data') {}

  stale(key: string, description: string): void {
    this.staleSeries.set(key, description);
  }

  has(key: string): boolean {
    return this.staleSeries.has(key);
  }

  fresh(key: string): void {
    this.staleSeries.delete(key);
  }

  issues(): string[] {
    return [...this.staleSeries.values()].map((d) => `${this.label}: ${d}`);
  }
}
