import { FireAgenda, fireTimesBetween, jitterOffsetMs, nextFireTime, planMisfire, } from './core/index.js';
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
    now;
    timers;
    onDue;
    queue = new FireAgenda();
    jobs = new Map();
    timer = null;
    timerAt = Infinity;
    running = false;
    lastBeatMs = 0;
    constructor(now, timers, onDue) {
        this.now = now;
        this.timers = timers;
        this.onDue = onDue;
    }
    start() {
        this.running = true;
        this.lastBeatMs = this.now();
        this.arm();
    }
    stop() {
        this.running = false;
        if (this.timer !== null)
            this.timers.clear(this.timer);
        this.timer = null;
        this.timerAt = Infinity;
    }
    get isRunning() {
        return this.running;
    }
    /** Registers (or re-registers) a job; its next fire is the first nominal time after `afterMs`. */
    register(job, afterMs = this.now()) {
        const nominal = nextFireTime(job.spec, afterMs, job.ctx);
        if (nominal === null) {
            this.unregister(job.id);
            return;
        }
        this.jobs.set(job.id, { job, nominal });
        this.queue.set(job.id, nominal + this.jitter(job, nominal));
        this.arm();
    }
    unregister(id) {
        this.queue.remove(id);
        return this.jobs.delete(id);
    }
    get(id) {
        return this.jobs.get(id)?.job;
    }
    ids() {
        return [...this.jobs.keys()];
    }
    get size() {
        return this.jobs.size;
    }
    /** The next `n` nominal fire times across all jobs, soonest first. */
    upcoming(n) {
        return [...this.jobs.values()].sort((a, b) => a.nominal - b.nominal).slice(0, n)
            .map(({ job, nominal }) => ({ jobId: job.id, name: job.name, at: nominal }));
    }
    /** How late the loop is: the age of the oldest entry that is due and not yet handed over. */
    lagMs() {
        const head = this.queue.earliest();
        return head === undefined ? 0 : Math.max(0, this.now() - head);
    }
    /**
     * Hands over everything due now. Called by the timer; tests call it after moving the clock.
     * The due fires go out first, in one batch; each job's next time is computed after, so the
     * cost of computing 10,000 next fire times never delays the fires themselves.
     */
    wake() {
        this.timer = null;
        this.timerAt = Infinity;
        const now = this.now();
        this.lastBeatMs = now;
        const popped = [];
        for (const { jobIds } of this.queue.takeDue(now)) {
            for (const id of jobIds) {
                const entry = this.jobs.get(id);
                if (entry)
                    popped.push({ id, job: entry.job, nominal: entry.nominal });
            }
        }
        if (popped.length > 0)
            this.onDue(popped.map((p) => ({ job: p.job, scheduledFor: p.nominal, trigger: 'schedule' })));
        const catchUp = [];
        for (const p of popped)
            this.advanceJob(p.id, p.nominal, now, catchUp);
        if (catchUp.length > 0)
            this.onDue(catchUp);
        this.arm();
    }
    /** Pushes the job's next fire time; times the loop slept through go through its misfire policy. */
    advanceJob(id, nominal, now, catchUp) {
        const entry = this.jobs.get(id);
        if (!entry)
            return;
        const { job } = entry;
        let next = nextFireTime(job.spec, nominal, job.ctx);
        if (next !== null && next <= now) {
            const windowStart = Math.max(nominal, now - job.misfire.graceSeconds * 1000 - 1);
            const slept = fireTimesBetween(job.spec, windowStart, now, job.ctx, 10_000);
            for (const t of planMisfire(job.misfire, slept, now))
                catchUp.push({ job, scheduledFor: t, trigger: 'catchup' });
            next = nextFireTime(job.spec, now, job.ctx);
        }
        if (next === null) {
            this.jobs.delete(id);
            return;
        }
        entry.nominal = next;
        this.queue.set(id, next + this.jitter(job, next));
    }
    jitter(job, nominal) {
        return job.spec.jitterSeconds ? jitterOffsetMs(job.id, nominal, job.spec.jitterSeconds) : 0;
    }
    arm() {
        if (!this.running)
            return;
        const head = this.queue.earliest();
        const now = this.now();
        const at = Math.min(head ?? Infinity, now + MAX_SLEEP_MS);
        if (this.timer !== null && at >= this.timerAt)
            return;
        if (this.timer !== null)
            this.timers.clear(this.timer);
        this.timerAt = at;
        this.timer = this.timers.set(() => this.wake(), at - now);
    }
}
//# sourceMappingURL=scheduler-loop.js.map