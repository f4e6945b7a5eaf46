/**
 * The one source of "now" for the whole service. Everything that depends on time takes a Clock,
 * so schedules, DST, bar closes and misfires are tested exactly with a ManualClock, never with sleeps.
 */
export class Clock {
    date() {
        return new Date(this.now());
    }
}
export class SystemClock extends Clock {
    now() {
        return Date.now();
    }
}
/** A clock that only moves when told to. For tests. */
export class ManualClock extends Clock {
    current;
    constructor(current = Date.UTC(2026, 0, 5, 14, 0, 0)) {
        super();
        this.current = current;
    }
    now() {
        return this.current;
    }
    set(t) {
        this.current = typeof t === 'number' ? t : new Date(t).getTime();
    }
    advance(ms) {
        this.current += ms;
    }
}
//# sourceMappingURL=clock.js.map