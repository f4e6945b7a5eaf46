import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { JobRunEntity, RunStatus } from '../jobs/job-run.entity.js';
import type { JobEntity, JobType } from '../jobs/job.entity.js';
import { JobChangeBus } from '../jobs/job-events.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { FinalRunFailure } from '../jobs/job-types/job-handler.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { RunsRepository, type ClaimRequest } from '../jobs/runs.repository.js';
import { RunFinishHooks } from '../jobs/run-finish-hooks.js';
import type { EntityManager } from 'typeorm';
import { LogContext } from '../logging/log-context.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DbClock } from '../base/time/db-clock.js';
import { InstanceInfo } from '../base/time/instance-info.js';
import { backoffDelay, MathRandom, Random } from '../base/resilience/backoff.js';
import { Semaphore } from '../base/resilience/semaphore.js';
import { Timers } from '../base/time/timers.js';
import { isConnectionError, whileUnreachable } from '../database/connection-errors.js';
import {
  ABORT_SETTLE_MS,
  BATCH_MAX,
  ClaimCounts,
  CONNECTION_RETRIES,
  fireKey,
  HEARTBEAT_MS,
  LEASE_MS,
  RECONNECT_POLICY,
  RECORD_RETRY_MS,
  retryDelayMs,
  RunTimeout,
  type Outcome,
} from './run-policy.js';

/** A run waiting out its retry backoff: no worker slot held, its lease renewed, its timer armed. */
interface Retrying {
  run: JobRunEntity;
  timer: unknown;
}

/**
 * Claims fire times and runs them: at most SCHEDULER_MAX_WORKERS at once in this process, each
 * attempt under the job's timeout, failed attempts retried with exponential backoff, every run
 * under a lease this replica keeps renewing. Claims are made only for free slots, so replicas
 * share the work by how fast they free their slots.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger('RunExecutor');
  private readonly slots: Semaphore;
  private readonly random: Random;
  private pending: ClaimRequest[] = [];
  private readonly active = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, AbortController>();
  private pumping = false;
  /** afterRun calls in flight (starting a job's next queued run once one ends). */
  private followUps = 0;
  private lostListener: (jobIds: string[]) => void = () => undefined;
  private readonly waiting = new Set<string>();
  private readonly retrying = new Map<string, Retrying>();
  /** Connection-error repeats per run (CONNECTION_RETRIES). */
  private readonly connectionRetries = new Map<string, number>();
  private claimFailedListener: () => void = () => undefined;
  /** Jobs of claimed batch runs as the scheduler held them, at the version the claim matched: not read again. */
  private readonly claimedJobs = new Map<string, JobEntity>();
  /** Runs aborted because the grace period ran out: handed back, not failed. */
  private readonly abortedForShutdown = new Set<string>();
  /** Raised when the drain is over: writes stop waiting for the database (the pool closes next). */
  private readonly closing = new AbortController();
  private accepting = true;

  constructor(
    private readonly runs: RunsRepository,
    private readonly jobs: JobsRepository,
    private readonly registry: JobTypeRegistry,
    private readonly dbClock: DbClock,
    private readonly timers: Timers,
    private readonly instance: InstanceInfo,
    private readonly metrics: MetricsService,
    private readonly bus: JobChangeBus,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly finishHooks: RunFinishHooks,
    @Optional() private readonly logContext?: LogContext,
    @Optional() random?: Random,
  ) {
    this.slots = new Semaphore(config.scheduler.maxWorkers);
    this.random = random ?? new MathRandom();
  }

  /** Fire times wait here until a slot is free; then they are claimed in one statement. */
  enqueue(reqs: ClaimRequest[]): void {
    if (!this.accepting) return;
    // Not push(...reqs): a bar close can make 100,000s of fire times, more than a call takes arguments.
    for (const r of reqs) this.pending.push(r);
    void this.pump();
  }

  /**
   * Told when a claim failed (the database unreachable): the fire times waiting here are dropped,
   * and the scheduler puts them through each job's misfire policy once the database is back.
   */
  onClaimFailed(listener: () => void): void {
    this.claimFailedListener = listener;
  }

  /** Told which jobs lost a claim: another replica won it, or this replica's copy of the job is stale. */
  onLost(listener: (jobIds: string[]) => void): void {
    this.lostListener = listener;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Anything waiting, being claimed or running here. */
  get busy(): boolean {
    return (
      this.pending.length > 0 ||
      this.pumping ||
      this.active.size > 0 ||
      this.followUps > 0 ||
      this.waiting.size > 0 ||
      this.retrying.size > 0
    );
  }

  get activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  /** Every run this replica holds a lease on: running, claimed and waiting for a worker, or waiting to retry. */
  get leasedRunIds(): string[] {
    return [...this.active.keys(), ...this.waiting, ...this.retrying.keys()];
  }

  /** Runs waiting out a retry backoff (they hold no worker slot). */
  get retryingCount(): number {
    return this.retrying.size;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.length > 0 && this.accepting && this.slots.available > 0) {
        const batchType = this.batchingType(this.pending[0]);
        const batch = batchType
          ? this.takeOfType(batchType)
          : this.pending.splice(0, Math.min(this.slots.available, BATCH_MAX));
        const claimed = await this.claim(batch);
        // A claim that failed (database unreachable) decided nothing. What waits here is dropped, not
        // lost: the scheduler runs those fire times through each job's misfire policy once the database
        // answers again, from what the store says was claimed (as after a restart).
        if (claimed === null) {
          this.pending.length = 0;
          this.claimFailedListener();
          break;
        }
        // Each request by its fire time; what is left once the claimed runs are taken out was lost.
        const unclaimed = new Map(batch.map((r) => [fireKey(r.jobId, r.scheduledFor), r]));
        const running: JobRunEntity[] = [];
        const counted = new ClaimCounts();
        for (const run of claimed) {
          const key = fireKey(run.jobId, run.scheduledFor);
          const req = unclaimed.get(key);
          unclaimed.delete(key);
          this.recordClaim(run);
          counted.add(req?.type, run.status);
          if (run.status !== 'running') continue;
          running.push(run);
          if (batchType && req?.job) this.claimedJobs.set(run.id, req.job);
        }
        counted.record(this.metrics);
        if (unclaimed.size > 0) this.lostListener([...unclaimed.values()].map((r) => r.jobId));
        if (batchType && running.length > 0) this.startBatch(running, batchType);
        else for (const run of running) this.start(run);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The request's type when its handler runs batches (claims of it are taken, and run, together). */
  private batchingType(req: ClaimRequest): JobType | null {
    return req.type && this.registry.get(req.type)?.runBatch ? req.type : null;
  }

  private takeOfType(type: JobType): ClaimRequest[] {
    const taken: ClaimRequest[] = [];
    const kept: ClaimRequest[] = [];
    let i = 0;
    for (; i < this.pending.length && taken.length < BATCH_MAX; i++)
      (this.pending[i].type === type ? taken : kept).push(this.pending[i]);
    // Only the requests looked at move; the others keep their order after the ones kept.
    this.pending.splice(0, i);
    if (kept.length > 0) this.pending = kept.concat(this.pending);
    return taken;
  }

  /** The runs claimed, or null when the claim itself failed (logged). */
  private async claim(batch: ClaimRequest[]): Promise<JobRunEntity[] | null> {
    try {
      return await this.runs.claimScheduled(batch, this.instance.id, this.dbClock.date(), LEASE_MS);
    } catch (e) {
      this.logger.error(`claim of ${batch.length} fire times failed: ${(e as Error).message}`);
      return null;
    }
  }

  private recordClaim(run: JobRunEntity): void {
    this.metrics.firesClaimed.inc({ outcome: run.status });
    this.metrics.fireLateness.observe(Math.max(0, this.dbClock.now() - run.scheduledFor.getTime()) / 1000);
  }

  /** Runs an already-claimed run (status running, our lease) from its current attempt. */
  start(run: JobRunEntity): void {
    if (this.active.has(run.id) || this.waiting.has(run.id)) return;
    if (this.slots.tryAcquire()) {
      this.launch(run);
      return;
    }
    // Claimed but waiting for a worker: its lease is renewed meanwhile (it is in leasedRunIds),
    // or another replica would take over a run that is only queued here.
    this.waiting.add(run.id);
    void this.slots.acquire().then(() => {
      if (!this.waiting.delete(run.id)) return this.slots.release(); // handed back at shutdown
      this.launch(run);
    });
  }

  /** Claimed runs of a batching type: one unit of work on one worker slot. */
  private startBatch(runs: JobRunEntity[], type: JobType): void {
    for (const r of runs) this.waiting.add(r.id);
    void this.slots.acquire().then(() => {
      if (!this.waiting.has(runs[0].id)) return this.slots.release(); // handed back at shutdown
      for (const r of runs) this.waiting.delete(r.id);
      const fields =
        runs.length === 1 ? { jobId: runs[0].jobId, runId: runs[0].id } : { jobType: type, runs: runs.length };
      const done: Promise<void> = this.inLogContext(fields, () => this.executeBatch(runs, type))
        .catch((e) => this.logger.error(`batch of ${runs.length} ${type} runs crashed: ${(e as Error).stack}`))
        .finally(() => {
          this.slots.release();
          for (const r of runs) if (this.active.get(r.id) === done) this.active.delete(r.id);
          void this.pump();
        });
      for (const r of runs) this.active.set(r.id, done);
    });
  }

  private async executeBatch(runs: JobRunEntity[], type: JobType): Promise<void> {
    const jobs = new Map<string, JobEntity>();
    const unknown: string[] = [];
    for (const r of runs) {
      const held = this.claimedJobs.get(r.id);
      this.claimedJobs.delete(r.id);
      if (held) jobs.set(r.jobId, held);
      else unknown.push(r.jobId);
    }
    // Runs taken over or relaunched come without the scheduler's copy: read those.
    if (unknown.length > 0)
      for (const j of await this.recording('the jobs', () => this.jobs.findByIds(unknown))) jobs.set(j.id, j);
    for (const r of runs.filter((x) => !jobs.has(x.jobId))) await this.finish(r, 'failed', null, 'job was deleted');
    const present = runs.filter((r) => jobs.has(r.jobId));
    if (present.length === 0) return;
    const seconds = Math.max(...present.map((r) => jobs.get(r.jobId)!.timeoutSeconds));
    const abort = new AbortController();
    const ctxs = present.map((r) => ({
      job: jobs.get(r.jobId)!,
      runId: r.id,
      scheduledFor: r.scheduledFor,
      attempt: r.attempt,
      trigger: r.trigger,
      signal: abort.signal,
    }));
    let outcomes: Outcome[];
    try {
      outcomes = await this.withTimeout(this.registry.get(type)!.runBatch!(ctxs), seconds, abort);
    } catch (error) {
      outcomes = present.map(() => ({ ok: false, error }));
    }
    const ok = present.flatMap((r, i) =>
      outcomes[i]?.ok ? [{ id: r.id, result: (outcomes[i] as { result: unknown }).result }] : [],
    );
    await this.recording(`${ok.length} run outcomes`, () => this.finishSucceeded(ok, present, jobs));
    this.metrics.runsFinished.inc({ type, status: 'succeeded' }, ok.length);
    this.metrics.jobCounters.inc({ type, counter: 'succeeded' }, ok.length);
    // A failed member continues alone, through the one-run path: its retries, backoff and final status.
    present.forEach((r, i) => {
      if (!outcomes[i]?.ok)
        this.relaunch(r, outcomes[i] ?? { ok: false, error: new Error('no outcome from the batch') });
    });
  }

  /**
   * A batch's succeeded runs in one statement, with each run's own finish hooks (a job's
   * notify.onSuccess: one notification per run, not per batch) in the same transaction.
   */
  private async finishSucceeded(
    ok: Array<{ id: string; result: unknown }>,
    runs: JobRunEntity[],
    jobs: Map<string, JobEntity>,
  ): Promise<void> {
    const finishedAt = this.dbClock.date();
    const byId = new Map(runs.map((r) => [r.id, r]));
    const hooked = ok.flatMap(({ id, result }) => {
      const run = byId.get(id)!;
      const job = jobs.get(run.jobId)!;
      const hooks = this.finishHooks.for(job, 'succeeded');
      const finished = { job, run, status: 'succeeded' as const, result, error: null, finishedAt };
      return hooks.length > 0 ? [{ hooks, finished }] : [];
    });
    const alongside = hooked.length
      ? async (em: EntityManager, recorded: Set<string>) => {
          for (const { hooks, finished } of hooked)
            if (recorded.has(finished.run.id)) for (const h of hooks) await h.write(em, finished);
        }
      : undefined;
    const recorded = await this.runs.finishSucceeded(ok, this.instance.id, finishedAt, alongside);
    const committed = new Set(hooked.filter((x) => recorded.has(x.finished.run.id)).flatMap((x) => x.hooks));
    for (const h of committed) h.committed?.();
  }

  private relaunch(run: JobRunEntity, failed: Outcome): void {
    this.waiting.add(run.id);
    void this.slots.acquire().then(() => {
      if (!this.waiting.delete(run.id)) return this.slots.release(); // handed back at shutdown
      this.launch(run, failed);
    });
  }

  /** Every log line of a run carries its `jobId` and `runId` (LOG_FORMAT=json). */
  private inLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
    return this.logContext ? this.logContext.run(fields, fn) : fn();
  }

  private launch(run: JobRunEntity, failed?: Outcome): void {
    const done: Promise<void> = this.inLogContext({ jobId: run.jobId, runId: run.id }, () => this.execute(run, failed))
      .catch((e) => this.logger.error(`run ${run.id} crashed: ${(e as Error).stack}`))
      .finally(() => {
        this.slots.release();
        // Out of `active` at once, not after afterRun's query: a retry due meanwhile (backoff 0)
        // must find the run free to start, or it would wait, unstarted, for its lease to run out.
        if (this.active.get(run.id) === done) this.active.delete(run.id);
        this.followUps += 1;
        void this.afterRun(run.jobId).finally(() => (this.followUps -= 1));
      });
    this.active.set(run.id, done);
  }

  /**
   * Runs the run's current attempt (`failed`: it already failed, in a batch) and decides what
   * follows: the outcome recorded, or a retry after the job's backoff. A retry waits on a timer,
   * not on a worker slot: the slot goes to other work meanwhile.
   */
  private async execute(run: JobRunEntity, failed?: Outcome): Promise<void> {
    const job = await this.recording('the job', () => this.jobs.findById(run.jobId));
    const handler = job && this.registry.get(job.type);
    if (!job || !handler) {
      await this.finish(run, 'failed', null, job ? `no handler for job type ${job.type}` : 'job was deleted');
      return;
    }
    const attempt = run.attempt;
    const outcome = failed ?? (await this.attempt(job, run, attempt));
    if (outcome.ok) return void (await this.finish(run, 'succeeded', outcome.result, null, job));
    const status: RunStatus = outcome.error instanceof RunTimeout ? 'timedOut' : 'failed';
    const message = (outcome.error as Error)?.message ?? String(outcome.error);
    // A failure the handler says no retry can mend (a series that cannot be loaded: the next bar catches up).
    const final = outcome.error instanceof FinalRunFailure;
    // Stopping: an attempt cut short by the shutdown, or one that would be retried, goes to another replica.
    if (!this.accepting && (this.abortedForShutdown.has(run.id) || (attempt < job.retry.maxAttempts && !final))) {
      await this.handBack([run.id], this.abortedForShutdown.has(run.id) ? [] : [run.id]);
      return;
    }
    const lostConnection = isConnectionError(outcome.error);
    const repeats = this.connectionRetries.get(run.id) ?? 0;
    const repeatForConnection = lostConnection && repeats < CONNECTION_RETRIES && this.accepting;
    if ((attempt >= job.retry.maxAttempts && !repeatForConnection) || !this.accepting || final) {
      this.connectionRetries.delete(run.id);
      return void (await this.finish(run, status, null, message, job));
    }
    if (lostConnection) this.connectionRetries.set(run.id, repeats + 1);
    this.logger.warn(`job ${job.name} attempt ${attempt} ${status}: ${message}; retrying`);
    const delay = lostConnection
      ? Math.max(
          retryDelayMs(job, attempt, this.random.next()),
          backoffDelay(repeats + 1, RECONNECT_POLICY, this.random.next()),
        )
      : retryDelayMs(job, attempt, this.random.next());
    this.retryLater(run, delay);
  }

  /** After `delayMs` the run's next attempt asks for a worker slot like any claimed run. */
  private retryLater(run: JobRunEntity, delayMs: number): void {
    const timer = this.timers.set(() => void this.resumeRetry(run.id), delayMs);
    this.retrying.set(run.id, { run, timer });
  }

  private async resumeRetry(id: string): Promise<void> {
    const entry = this.retrying.get(id);
    if (!entry || !this.accepting) return;
    let mine: boolean;
    try {
      mine = await this.recording('the next attempt', () =>
        this.runs.nextAttempt(id, this.instance.id, this.leaseUntil()),
      );
    } catch (e) {
      this.logger.error(
        `starting the next attempt of run ${id} failed: ${(e as Error).message}; its lease will recover it`,
      );
      mine = false;
    }
    if (this.retrying.get(id) !== entry) return; // handed back meanwhile
    this.retrying.delete(id);
    if (mine) this.start({ ...entry.run, attempt: entry.run.attempt + 1 });
  }

  /** A write or read a run cannot do without: repeated while the database connection is lost. */
  private recording<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return whileUnreachable(fn, {
      maxWaitMs: RECORD_RETRY_MS,
      signal: this.closing.signal,
      onRetry: (e, n) => {
        if (n === 1) this.logger.warn(`writing ${what} failed (${e.message}); retrying until the database answers`);
      },
    });
  }

  private async attempt(job: JobEntity, run: JobRunEntity, attempt: number): Promise<Outcome> {
    if (!this.accepting) return { ok: false, error: new Error('shutting down') };
    const handler = this.registry.get(job.type)!;
    const abort = new AbortController();
    this.aborts.set(run.id, abort);
    try {
      const ctx = {
        job,
        runId: run.id,
        scheduledFor: run.scheduledFor,
        attempt,
        trigger: run.trigger,
        signal: abort.signal,
      };
      return { ok: true, result: await this.withTimeout(handler.run(ctx), job.timeoutSeconds, abort) };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.aborts.delete(run.id);
    }
  }

  /** `work`, or a RunTimeout (and the abort signal raised) after `seconds`. */
  private async withTimeout<T>(work: Promise<T>, seconds: number, abort: AbortController): Promise<T> {
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.timers.set(() => {
        abort.abort(new RunTimeout(seconds));
        reject(new RunTimeout(seconds));
      }, seconds * 1000);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      this.timers.clear(timer);
    }
  }

  private async finish(
    run: JobRunEntity,
    status: RunStatus,
    result: unknown,
    error: string | null,
    job?: JobEntity,
  ): Promise<void> {
    const finishedAt = this.dbClock.date();
    const hooks = this.finishHooks.for(job, status);
    const alongside = hooks.length
      ? async (em: EntityManager) => {
          for (const h of hooks) await h.write(em, { job: job!, run, status, result, error, finishedAt });
        }
      : undefined;
    const recorded = await this.recording(`run ${run.id}'s outcome`, () =>
      this.runs.finish(run.id, this.instance.id, status, finishedAt, result, error, alongside),
    );
    if (recorded) for (const h of hooks) h.committed?.();
    this.metrics.runsFinished.inc({ type: job?.type ?? 'unknown', status });
    if (recorded) this.metrics.jobCounters.inc({ type: job?.type ?? 'unknown', counter: status });
    if (recorded && status !== 'succeeded' && job?.pauseOnFailures) await this.pauseIfFailing(job, run, status, error);
    if (!recorded)
      this.logger.warn(`run ${run.id} was taken over by another replica; its outcome here (${status}) is dropped`);
    else if (status !== 'succeeded')
      this.logger.warn(`job ${job?.name ?? run.jobId} run ${run.id} ${status}: ${error}`);
  }

  /** `pauseOnFailures`: n failed runs in a row pause the job (with an event and its notification), and every replica is told. */
  private async pauseIfFailing(job: JobEntity, run: JobRunEntity, status: RunStatus, error: string | null) {
    try {
      const n = job.pauseOnFailures!;
      const at = this.dbClock.date();
      const pause = this.finishHooks.forPause(job, { run, status, error, pausedAt: at });
      if (!(await this.jobs.pauseAfterFailures(job.id, n, at, run.scheduledFor, pause.write))) return;
      pause.committed();
      this.logger.warn(`job ${job.name} paused after ${n} failed runs in a row (pauseOnFailures)`);
      await this.bus.publish({ kind: 'upserted', id: job.id });
    } catch (e) {
      this.logger.error(`pausing job ${job.name} after its failures failed: ${(e as Error).message}`);
    }
  }

  /** Overlap `queue`: when a run ends, the job's oldest queued run starts (if this replica wins it). */
  private async afterRun(jobId: string): Promise<void> {
    if (!this.accepting) return;
    const started = await this.runs
      .startQueued(this.instance.id, this.dbClock.date(), LEASE_MS, jobId, 1)
      .catch((e: Error) => {
        this.logger.error(`starting the next queued run of job ${jobId} failed: ${e.message}`);
        return [];
      });
    for (const run of started) this.start(run);
    void this.pump();
  }

  /** Periodic upkeep: renew our leases, take over runs of dead replicas, start queued runs. */
  async maintain(): Promise<void> {
    await this.runs.heartbeat(this.leasedRunIds, this.instance.id, this.leaseUntil());
    if (!this.accepting) return;
    for (const { run, maxAttempts } of await this.runs.takeOverExpired(
      this.instance.id,
      this.dbClock.date(),
      LEASE_MS,
    )) {
      this.logger.warn(
        `run ${run.id} of job ${run.jobId} lost its replica (lease expired); attempt ${run.attempt} of ${maxAttempts}`,
      );
      if (run.attempt > maxAttempts) {
        // With its job, so the failure is notified (notify.onFailure) by the replica that records it.
        const job = (await this.jobs.findById(run.jobId)) ?? undefined;
        await this.finish(
          { ...run },
          'failed',
          null,
          `the replica running attempt ${run.attempt - 1} died; no attempts left`,
          job,
        );
      } else {
        this.start(run);
      }
    }
    const free = this.slots.available;
    if (free > 0)
      for (const run of await this.runs.startQueued(this.instance.id, this.dbClock.date(), LEASE_MS, undefined, free))
        this.start(run);
  }

  private leaseUntil(): Date {
    return new Date(this.dbClock.now() + LEASE_MS);
  }

  /** Resolves when nothing is waiting for a slot or running here (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.pending.length > 0 || this.active.size > 0 || this.pumping || this.followUps > 0) {
      await Promise.allSettled([...this.active.values()]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Graceful shutdown (SIGTERM): claim nothing more; hand back at once every claimed run that has
   * not started and every run waiting to retry (`queued`, no owner: another replica starts them at
   * its next upkeep, without waiting for a lease to run out); let runs in flight finish and record
   * their outcome within `graceMs`; then abort what is left and hand it back. Only after this does
   * the database pool close (DatabaseModule), so nothing here uses a closed pool.
   */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    this.pending.length = 0;
    const unstarted = [...this.waiting];
    this.waiting.clear();
    const retrying = [...this.retrying.values()];
    this.retrying.clear();
    for (const r of retrying) this.timers.clear(r.timer);
    const retryIds = retrying.map((r) => r.run.id);
    await this.handBack([...unstarted, ...retryIds], retryIds);
    // The upkeep that renews leases has stopped; keep our runs' leases alive while they finish, or
    // another replica would take over a run that is still running here.
    const renew = setInterval(() => {
      void this.runs.heartbeat(this.leasedRunIds, this.instance.id, this.leaseUntil()).catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      if (!(await this.settledWithin(graceMs)) && this.active.size > 0) {
        this.logger.warn(
          `${this.active.size} runs still running after the ${graceMs / 1000} s grace period: aborted, handed back`,
        );
        for (const [id, abort] of this.aborts) {
          this.abortedForShutdown.add(id);
          abort.abort(new Error('shutting down'));
        }
        await this.settledWithin(ABORT_SETTLE_MS);
      }
    } finally {
      clearInterval(renew);
      this.closing.abort();
    }
  }

  private async settledWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.active.size > 0 && Date.now() < deadline) {
      const left = deadline - Date.now();
      await Promise.race([
        Promise.allSettled([...this.active.values()]),
        new Promise((resolve) => setTimeout(resolve, left).unref()),
      ]);
    }
    return this.active.size === 0;
  }

  /** Gives runs back to the deployment (`queued`, no owner); `nextAttempt`: those that come back as their next attempt. */
  private async handBack(ids: string[], nextAttempt: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const n = await whileUnreachable(() => this.runs.handBack(ids, nextAttempt, this.instance.id), {
        maxWaitMs: ABORT_SETTLE_MS,
      });
      this.logger.log(`handed back ${n} runs for another replica`);
    } catch (e) {
      this.logger.error(
        `handing back ${ids.length} runs failed (${(e as Error).message}); their leases will recover them`,
      );
    }
  }
}
