/**
 * The one source of "now" for the whole service. Everything that depends on time takes a Clock,
 * so schedules, DST, bar closes and misfires are tested exactly with a ManualClock, never with sleeps.
 */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;

  date(): Date {
    return new Date(this.now());
  }
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to. For tests. */
export class ManualClock extends Clock {
  constructor(private current: number = Date.UTC(2026, 0, 5, 14, 0, 0)) {
    super();
  }

  now(): number {
    return this.current;
  }

  set(t: number | Date | string): void {
    this.current = typeof t === 'number' ? t : new Date(t).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
