/**
 * The scheduler's only access to real timers, so tests drive the loop with a ManualClock and
 * explicit wake-ups instead of sleeping.
 */
export abstract class Timers {
  /** `name`: a long-lived timer of the service (one per name), which the app's Timers may register. */
  abstract set(fn: () => void, ms: number, name?: string): unknown;
  abstract clear(handle: unknown): void;
  /** Resolves after `ms`; used for retry backoff. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.set(resolve, ms));
  }
}

export class RealTimers extends Timers {
  set(fn: () => void, ms: number): unknown {
    const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2_147_483_647)));
    handle.unref?.();
    return handle;
  }

  clear(handle: unknown): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}
