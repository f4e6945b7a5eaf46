import {
  FireAgenda, fireTimesBetween, jitterOffsetMs, nextFireTime, planMisfire,
  type MisfireConfig, type ScheduleContext, type ScheduleSpec,
} from './core/index.js';
import type { Timers } from './timers.js';

/** What the loop knows of a job: enough to compute its fire times, nothing more. */
export interface LoopJob {
  id: string;
  name: string;
  version: number;
  spec: ScheduleSpec;
  ctx: ScheduleContext;
  misfire: MisfireConfig;
}

export interface DueFire {
  job: LoopJob;
  scheduledFor: number;
  trigger: 'schedule' | 'catchup';
}

/** Never sleep longer than this: the liveness probe watches the loop's heartbeat. */
const MAX_SLEEP_MS = 1000;

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
  private readonly jobs = new Map<string, { job: LoopJob; nominal: number }>();
  private timer: unknown = null;
  private timerAt = Infinity;
  private running = false;
  lastBeatMs = 0;

  constructor(
    private readonly now: () => number,
    private readonly timers: Timers,
    private readonly onDue: (fires: DueFire[]) => void,
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
    this.jobs.set(job.id, { job, nominal });
    this.queue.set(job.id, nominal + this.jitter(job, nominal));
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
    return [...this.jobs.values()].sort((a, b) => a.nominal - b.nominal).slice(0, n)
      .map(({ job, nominal }) => ({ jobId: job.id, name: job.name, at: nominal }));
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
    const now = this.now();
    this.lastBeatMs = now;
    const popped: Array<{ id: string; job: LoopJob; nominal: number }> = [];
    for (const { jobIds } of this.queue.takeDue(now)) {
      for (const id of jobIds) {
        const entry = this.jobs.get(id);
        if (entry) popped.push({ id, job: entry.job, nominal: entry.nominal });
      }
    }
    if (popped.length > 0) this.onDue(popped.map((p) => ({ job: p.job, scheduledFor: p.nominal, trigger: 'schedule' })));
    const catchUp: DueFire[] = [];
    for (const p of popped) this.advanceJob(p.id, p.nominal, now, catchUp);
    if (catchUp.length > 0) this.onDue(catchUp);
    this.arm();
  }

  /** Pushes the job's next fire time; times the loop slept through go through its misfire policy. */
  private advanceJob(id: string, nominal: number, now: number, catchUp: DueFire[]): void {
    const entry = this.jobs.get(id);
    if (!entry) return;
    const { job } = entry;
    let next = nextFireTime(job.spec, nominal, job.ctx);
    if (next !== null && next <= now) {
      const windowStart = Math.max(nominal, now - job.misfire.graceSeconds * 1000 - 1);
      const slept = fireTimesBetween(job.spec, windowStart, now, job.ctx, 10_000);
      for (const t of planMisfire(job.misfire, slept, now)) catchUp.push({ job, scheduledFor: t, trigger: 'catchup' });
      next = nextFireTime(job.spec, now, job.ctx);
    }
    if (next === null) {
      this.jobs.delete(id);
      return;
    }
    entry.nominal = next;
    this.queue.set(id, next + this.jitter(job, next));
  }

  private jitter(job: LoopJob, nominal: number): number {
    return job.spec.jitterSeconds ? jitterOffsetMs(job.id, nominal, job.spec.jitterSeconds) : 0;
  }

  private arm(): void {
    if (!this.running) return;
    const head = this.queue.earliest();
    const now = this.now();
    const at = Math.min(head ?? Infinity, now + MAX_SLEEP_MS);
    if (this.timer !== null && at >= this.timerAt) return;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timerAt = at;
    this.timer = this.timers.set(() => this.wake(), at - now);
  }
}
