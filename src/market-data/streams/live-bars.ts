import type { Bar } from '../../base/domain/bar.js';
import type { Timeframe } from '../../base/domain/timeframe.js';

/**
 * The forming bar of each streamed series as the exchange last sent it, with when it came. A
 * `oncePerBar` alert reads it instead of asking the REST API for the bar being formed.
 */
export class LiveBars {
  private readonly bars = new Map<string, { bar: Bar; at: number }>();

  static key(provider: string, symbol: string, timeframe: Timeframe): string {
    return `${provider}|${symbol}|${timeframe}`;
  }

  set(key: string, bar: Bar, at: number): void {
    const held = this.bars.get(key);
    if (held && held.bar.openTime > bar.openTime) return; // a late update of an older bar
    this.bars.set(key, { bar, at });
  }

  /** The forming bar at `now` if one came within `maxAgeMs`, else null (ask REST). */
  get(key: string, now: number, maxAgeMs: number): Bar | null {
    const held = this.bars.get(key);
    if (!held || now - held.at > maxAgeMs) return null;
    return held.bar.openTime <= now && now <= held.bar.closeTime ? held.bar : null;
  }

  delete(key: string): void {
    this.bars.delete(key);
  }
}
