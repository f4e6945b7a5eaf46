import type { Bar, StreamingIndicator } from './types.js';

const DAY_MS = 86_400_000;

/**
 * VWAP, session-anchored (TA-Lib has no VWAP): Σ(typical price × volume) / Σ volume over the bars
 * of the current session, typical price = (high + low + close)/3.
 * - anchor "day": a session is a UTC calendar day; the sums reset at the first bar whose
 *   `openTime` falls on a new UTC day.
 * - Zero volume: VWAP is `null` until the session has traded (Σ volume > 0); zero-volume bars after
 *   that leave it unchanged. A weighted mean with no weight is undefined, and a 0 or the last
 *   session's value would be a fake reading.
 * Warm-up: none (a value from the first bar with volume).
 */
export class Vwap implements StreamingIndicator {
  readonly outputs = ['value'] as const;
  private session = NaN;
  private pv = 0;
  private vol = 0;
  private pSession = NaN;
  private pPv = 0;
  private pVol = 0;
  private started = false;

  constructor(readonly anchor: 'day' = 'day') {}

  update(bar: Bar): number | null {
    this.started = true;
    this.pSession = this.session;
    this.pPv = this.pv;
    this.pVol = this.vol;
    return this.step(bar);
  }

  replace(bar: Bar): number | null {
    if (!this.started) return this.update(bar);
    this.session = this.pSession;
    this.pv = this.pPv;
    this.vol = this.pVol;
    return this.step(bar);
  }

  value(): number | null {
    return this.vol > 0 ? this.pv / this.vol : null;
  }

  private step(bar: Bar): number | null {
    const session = Math.floor(bar.openTime / DAY_MS);
    if (session !== this.session) {
      this.session = session;
      this.pv = 0;
      this.vol = 0;
    }
    const v = bar.volume;
    this.pv += ((bar.high + bar.low + bar.close) / 3) * v;
    this.vol += v;
    return this.vol > 0 ? this.pv / this.vol : null;
  }
}
