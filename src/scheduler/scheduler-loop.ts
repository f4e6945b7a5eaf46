import type { JobEntity } from '../jobs/job.entity.js';
import {
  barDelayMs,
  FireAgenda,
  fireTimesBetween,
  jitterOffsetMs,
  nextFireTime,
  planMisfire,
  type MisfireConfig,
  type ScheduleContext,
  type ScheduleSpec,
} from '../base/schedule/index.js';
import type { Timers } from '../base/time/timers.js';

/** What the loop knows of a job: enough to compute its fire times, nothing more. */
export interface LoopJob {
  id: string;
  name: string;
  /** The job's type (`alert`, …): runs of a type whose handler batches are handed over together. */
  type?: string;
  version: number;
  spec: ScheduleSpec;
  ctx: ScheduleContext;
  misfire: MisfireConfig;
  /** The stored job this entry was made from (at `version`): its runs need not read it again. */
  entity?: JobEntity;
}

/**
 * A fire handed to `onDue`. For `schedule` fires it is the loop's own entry (no allocation per
 * fire at 10,000 a second): read it during the call, don't keep it — the loop moves it on after.
 */
export interface DueFire {
  readonly job: LoopJob;
  readonly scheduledFor: number;
  readonly trigger: 'schedule' | 'catchup';
}

interface Entry {
  job: LoopJob;
  scheduledFor: number;
  trigger: 'schedule';
}

/** Never sleep longer than this: the liveness probe watches the loop's heartbeat. */
const MAX_SLEEP_MS = 1000;
/** The loop's one timer, as SchedulerRegistry lists it. */
const TIMER_NAME = 'scheduler';
/** How much earlier than a fire time the timer is armed (timers fire late, by a millisecond or more). */
const EARLY_MS = 2;

/**
 * Every registered job's next fire time in one min-heap, and ONE timer armed for the earliest.
 * Ten thousand schedules are ten thousand heap entries, not ten thousand timers (measured: the
 * `cron` package's one-timer-per-job fires late at p99 and loses fires at that scale).
 *
 * On a wake it pops everything due, hands the fires to `onDue` in one batch, and pushes each
 * job's following time. A nominal time is the run's identity; jitter only delays when it is
 * handed over. Fire times the loop slept through (a blocked event loop, a suspended process) go
 * through the job's misfire policy.
 */
export class SchedulerLoop {
  private readonly queue = new FireAgenda();
  private readonly jobs = new Map<string, Entry>();
  private timer: unknown = null;
  private timerAt = Infinity;
  private running = false;
  private holdMs: (job: LoopJob) => number = () => 0;
  lastBeatMs = 0;

  constructor(
    private readonly now: () => number,
    private readonly timers: Timers,
    private readonly onDue: (fires: DueFire[]) => void,
    /** Fire times slept through that the job's misfire policy does not run (its `missed` counter). */
    private readonly onMissed: (job: LoopJob, count: number) => void = () => undefined,
  ) {}

  start(): void {
    this.running = true;
    this.lastBeatMs = this.now();
    this.arm();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Registers (or re-registers) a job; its next fire is the first nominal time after `afterMs`. */
  register(job: LoopJob, afterMs: number = this.now()): void {
    const nominal = nextFireTime(job.spec, afterMs, job.ctx);
    if (nominal === null) {
      this.unregister(job.id);
      return;
    }
    this.jobs.set(job.id, { job, scheduledFor: nominal, trigger: 'schedule' });
    this.queue.set(job.id, this.handOverAt(job, nominal));
    this.arm();
  }

  unregister(id: string): boolean {
    this.queue.remove(id);
    return this.jobs.delete(id);
  }

  get(id: string): LoopJob | undefined {
    return this.jobs.get(id)?.job;
  }

  ids(): string[] {
    return [...this.jobs.keys()];
  }

  get size(): number {
    return this.jobs.size;
  }

  /** The next `n` nominal fire times across all jobs, soonest first. */
  upcoming(n: number): Array<{ jobId: string; name: string; at: number }> {
    return [...this.jobs.values()]
      .sort((a, b) => a.scheduledFor - b.scheduledFor)
      .slice(0, n)
      .map(({ job, scheduledFor }) => ({ jobId: job.id, name: job.name, at: scheduledFor }));
  }

  /** How late the loop is: the age of the oldest entry that is due and not yet handed over. */
  lagMs(): number {
    const head = this.queue.earliest();
    return head === undefined ? 0 : Math.max(0, this.now() - head);
  }

  /**
   * Hands over everything due now. Called by the timer; tests call it after moving the clock.
   * The due fires go out first, in one batch; each job's next time is computed after, so the
   * cost of computing 10,000 next fire times never delays the fires themselves.
   */
  wake(): void {
    this.timer = null;
    this.timerAt = Infinity;
    let now = this.now();
    const head = this.queue.earliest();
    // The timer is armed a little early (setTimeout is only ever late); the last stretch is waited
    // out here, so a fire is handed over at its instant, never before it.
    if (head !== undefined && head > now && head - now <= EARLY_MS) {
      const giveUp = performance.now() + EARLY_MS + 1; // bounded: an injected clock may not move at all
      while (now < head && performance.now() < giveUp) now = this.now();
    }
    this.lastBeatMs = now;
    const due: Entry[] = [];
    for (const { jobIds } of this.queue.takeDue(now)) {
      for (const id of jobIds) {
        const entry = this.jobs.get(id);
        if (entry) due.push(entry);
      }
    }
    if (due.length > 0) this.onDue(due);
    const catchUp: DueFire[] = [];
    for (const entry of due) this.advanceJob(entry, now, catchUp);
    if (catchUp.length > 0) this.onDue(catchUp);
    this.arm();
  }

  /**
   * Hands over now the pending fires of the bar-scheduled jobs `ids` that belong to the bar closing
   * at `closeMs` (nominally `closeMs + delaySeconds`): an exchange stream reported the close before
   * the settle delay ran out. A fire keeps its nominal time, which is the run's identity, so a
   * replica that fires it on schedule instead finds it claimed: it still runs once. A job already
   * past that fire (its poll came first) is left alone. Answers how many were handed over.
   */
  fireBarClose(ids: Iterable<string>, closeMs: number): number {
    const due: Entry[] = [];
    for (const id of ids) {
      const entry = this.jobs.get(id);
      const spec = entry?.job.spec;
      if (!entry || !spec || !('bar' in spec)) continue;
      if (entry.scheduledFor === closeMs + barDelayMs(spec)) due.push(entry);
    }
    if (due.length === 0) return 0;
    this.onDue(due);
    const now = this.now();
    const catchUp: DueFire[] = [];
    for (const entry of due) this.advanceJob(entry, now, catchUp);
    if (catchUp.length > 0) this.onDue(catchUp);
    this.arm();
    return due.length;
  }

  /** Pushes the job's next fire time; times the loop slept through go through its misfire policy. */
  private advanceJob(entry: Entry, now: number, catchUp: DueFire[]): void {
    const { job, scheduledFor: nominal } = entry;
    if (this.jobs.get(job.id) !== entry) return; // unregistered or re-registered meanwhile
    let next = nextFireTime(job.spec, nominal, job.ctx);
    if (next !== null && next <= now) {
      const windowStart = Math.max(nominal, now - job.misfire.graceSeconds * 1000 - 1);
      const slept = fireTimesBetween(job.spec, windowStart, now, job.ctx, 10_000);
      const planned = planMisfire(job.misfire, slept, now);
      for (const t of planned) catchUp.push({ job, scheduledFor: t, trigger: 'catchup' });
      if (slept.length > planned.length) this.onMissed(job, slept.length - planned.length);
      next = nextFireTime(job.spec, now, job.ctx);
    }
    if (next === null) {
      this.jobs.delete(job.id);
      return;
    }
    entry.scheduledFor = next;
    this.queue.set(job.id, this.handOverAt(job, next));
  }

  /**
   * How long the timer holds back the fires of a job beyond their nominal time (jitter aside): a
   * job whose bar closes arrive on an exchange stream is handed over by `fireBarClose` at the
   * close, and its own timer is only the fallback when the stream's close does not come.
   */
  setHold(holdMs: (job: LoopJob) => number): void {
    this.holdMs = holdMs;
  }

  /** When the timer hands a fire over: its nominal time, plus jitter, plus any hold. */
  private handOverAt(job: LoopJob, nominal: number): number {
    const jitter = job.spec.jitterSeconds ? jitterOffsetMs(job.id, nominal, job.spec.jitterSeconds) : 0;
    return nominal + jitter + this.holdMs(job);
  }

  private arm(): void {
    if (!this.running) return;
    const head = this.queue.earliest();
    const now = this.now();
    const early = head === undefined ? Infinity : head - EARLY_MS > now ? head - EARLY_MS : head;
    const at = Math.min(early, now + MAX_SLEEP_MS);
    if (this.timer !== null && at >= this.timerAt) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timerAt = at;
    this.timer = this.timers.set(() => this.wake(), at - now, TIMER_NAME);
  }
}
