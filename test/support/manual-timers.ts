import type { Clock } from '../../src/base/time/clock.js';
import { Timers } from '../../src/base/time/timers.js';

/** Timers that fire only when the test says so, against a ManualClock. */
export class ManualTimers extends Timers {
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  set(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.clock.now() + Math.max(0, ms), fn });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Fires, in time order, every timer due at the clock's current time (including ones set while firing). */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, t]) => t.at <= this.clock.now())
        .sort((a, b) => a[1].at - b[1].at);
      if (due.length === 0) return fired;
      for (const [id, t] of due) {
        this.pending.delete(id);
        t.fn();
        fired += 1;
      }
    }
  }
}
