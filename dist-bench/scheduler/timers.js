/**
 * The scheduler's only access to real timers, so tests drive the loop with a ManualClock and
 * explicit wake-ups instead of sleeping.
 */
export class Timers {
    /** Resolves after `ms`; used for retry backoff. */
    sleep(ms) {
        return new Promise((resolve) => this.set(resolve, ms));
    }
}
export class RealTimers extends Timers {
    set(fn, ms) {
        const handle = setTimeout(fn, Math.max(0, Math.min(ms, 2_147_483_647)));
        handle.unref?.();
        return handle;
    }
    clear(handle) {
        clearTimeout(handle);
    }
}
//# sourceMappingURL=timers.js.map