import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { JobChangeBus, type JobChange } from '../jobs/job-events.js';
import type { JobEntity } from '../jobs/job.entity.js';
import type { JobRunEntity } from '../jobs/job-run.entity.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobFilesSync, type FileSyncResult } from '../jobs/job-files.sync.js';
import { JobCountersRepository } from '../jobs/job-counters.repository.js';
import { RunsRepository } from '../jobs/runs.repository.js';
import { scheduleContext } from '../jobs/schedule-context.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { fireTimesBetween, planMisfire, type ScheduleSpec } from '../base/schedule/index.js';
import { DbClock } from '../base/time/db-clock.js';
import { InstanceInfo } from '../base/time/instance-info.js';
import { RunExecutor } from './run-executor.js';
import { HEARTBEAT_MS, LEASE_MS } from './run-policy.js';
import { SchedulerLoop, type DueFire, type LoopJob } from './scheduler-loop.js';
import { SchedulerStateRepository } from './scheduler-state.repository.js';
import { Timers } from '../base/time/timers.js';
import { DatabaseConnector } from '../database/database-connector.js';
import { isConnectionError } from '../database/connection-errors.js';

export interface ReloadDiff {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** `POST /scheduler/reload`'s answer: the schedule diff, what the ALERTS_DIR sync did and its problems (§8). */
export interface ReloadAnswer extends ReloadDiff {
  problems: string[];
  alertsDir: Omit<FileSyncResult, 'problems'> | null;
}

/** How often a replica looks for jobs changed through another replica, and the pause flag. */
const SYNC_MS = 2000;
/** A full reconcile also catches deletions and slow transactions the incremental sync may miss. */
const FULL_SYNC_MS = 60_000;

/**
 * The scheduler of this replica: registers every enabled job at boot (running what the job's
 * misfire policy says for fire times missed while no replica ran), applies API changes at once,
 * follows other replicas' changes through the store, and hands due fire times to the executor.
 * `@nestjs/schedule` is not used for the fire times themselves (see SchedulerLoop).
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  readonly loop: SchedulerLoop;
  private localPaused: boolean;
  private deploymentPaused = false;
  private lastSyncAt = 0;
  private lastFullSyncAt = 0;
  private upkeep: unknown = null;
  private upkeepRun: Promise<void> | null = null;
  private unsubscribe: () => void = () => undefined;
  readonly enabledHere: boolean;
  /** Since when claims fail (the database unreachable), or null. */
  private outageSince: number | null = null;
  private stopping = false;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly runs: RunsRepository,
    private readonly executor: RunExecutor,
    private readonly state: SchedulerStateRepository,
    private readonly dbClock: DbClock,
    private readonly timers: Timers,
    private readonly bus: JobChangeBus,
    private readonly instance: InstanceInfo,
    private readonly metrics: MetricsService,
    private readonly files: JobFilesSync,
    private readonly counters: JobCountersRepository,
    private readonly connector: DatabaseConnector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loop = new SchedulerLoop(
      () => this.dbClock.now(),
      timers,
      (fires) => this.onDue(fires),
      (job, count) => this.noteMissed([{ id: job.id, type: job.type, count }]),
    );
    this.localPaused = !config.scheduler.enabled;
    this.enabledHere = config.scheduler.mode !== 'api';
    this.executor.onLost((ids) => void this.refreshStale(ids));
    this.executor.onClaimFailed(() => this.noteOutage());
  }

  /** Starts once the database is connected and migrated: at boot, or whenever it first answers. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connector.onReady('the scheduler', () => this.begin());
  }

  private async begin(): Promise<void> {
    if (this.stopping) return;
    await this.dbClock.measure();
    this.deploymentPaused = await this.state.isPaused();
    if (!this.enabledHere) return;
    await this.files.sync();
    this.unsubscribe();
    this.unsubscribe = this.bus.subscribe((change) => this.onChange(change));
    const diff = await this.reconcile(await this.jobs.findSchedulable(), 'boot');
    this.loop.start();
    this.scheduleUpkeep();
    this.logger.log(`instance ${this.instance.id}: ${diff.added} jobs scheduled${this.paused ? ' (paused)' : ''}`);
  }

  /** Waiting for the database to start scheduling (liveness stays true meanwhile). */
  get waitingForDatabase(): boolean {
    return this.enabledHere && !this.loop.isRunning && !this.connector.isReady && !this.stopping;
  }

  /** Whether claims are failing because the database is unreachable. */
  get inOutage(): boolean {
    return this.outageSince !== null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.loop.stop();
    this.unsubscribe();
    if (this.upkeep !== null) this.timers.clear(this.upkeep);
    this.upkeep = null;
    await this.upkeepRun;
    await this.executor.drain(this.config.scheduler.shutdownGraceSeconds * 1000);
  }

  get paused(): boolean {
    return this.localPaused || this.deploymentPaused;
  }

  /** `POST /scheduler/reload`: the store is the truth; every registration is brought in line with it. */
  async reload(): Promise<ReloadAnswer> {
    const files = await this.files.sync();
    const diff = await this.reconcile(await this.jobs.findSchedulable(), false);
    if (!files) return { ...diff, problems: [], alertsDir: null };
    const { problems, ...counts } = files;
    return { ...diff, problems, alertsDir: counts };
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.state.setPaused(paused);
    this.deploymentPaused = paused;
    if (!paused) this.localPaused = false;
  }

  status() {
    return {
      running: this.loop.isRunning,
      paused: this.paused,
      mode: this.config.scheduler.mode,
      instanceId: this.instance.id,
      scheduled: this.loop.size,
      lagSeconds: Math.round(this.lagMs() / 100) / 10,
      nextRuns: this.loop.upcoming(10).map((u) => ({ jobId: u.jobId, name: u.name, at: new Date(u.at).toISOString() })),
    };
  }

  /** Whether periodic upkeep is in flight (tests wait for it). */
  get upkeepInFlight(): boolean {
    return this.upkeepRun !== null;
  }

  /** Lateness of work this replica owes: loop entries past due, or fire times waiting for a worker. */
  lagMs(): number {
    return this.loop.lagMs();
  }

  /** `POST /jobs/:id/trigger`: a run now. Started here when this replica schedules, else queued for one that does. */
  async trigger(job: JobEntity): Promise<JobRunEntity> {
    const runHere = this.enabledHere && this.loop.isRunning;
    const at = new Date(this.dbClock.now());
    const lease = runHere ? new Date(at.getTime() + LEASE_MS) : null;
    const run = await this.runs.insertManual(
      job.id,
      at,
      runHere ? 'running' : 'queued',
      runHere ? this.instance.id : null,
      lease,
    );
    if (runHere) this.executor.start(run);
    return run;
  }

  /**
   * An exchange stream saw a bar close at `closeMs`: the bar-close fires of these jobs for that bar
   * (nominally `closeMs + delaySeconds`) are handed over now instead of after their settle delay.
   */
  fireBarClose(jobIds: Iterable<string>, closeMs: number): number {
    if (!this.enabledHere || this.paused || !this.loop.isRunning) return 0;
    return this.loop.fireBarClose(jobIds, closeMs);
  }

  private onDue(fires: DueFire[]): void {
    // In an outage nothing can be claimed; the fire times are put through the misfire policy when it ends.
    if (this.paused || this.outageSince !== null) return;
    this.executor.enqueue(
      fires.map((f) => ({
        jobId: f.job.id,
        version: f.job.version,
        scheduledFor: new Date(f.scheduledFor),
        trigger: f.trigger,
        type: f.job.type as JobEntity['type'],
        job: f.job.entity,
      })),
    );
  }

  private async onChange(change: JobChange): Promise<void> {
    if (change.kind === 'deleted') {
      this.loop.unregister(change.id);
      return;
    }
    const job = await this.jobs.findById(change.id);
    this.apply(job, change.id);
  }

  /** Re-registers one job from the store (or drops it); returns what happened to its registration. */
  private apply(job: JobEntity | null, id: string): keyof ReloadDiff {
    const current = this.loop.get(id);
    if (!job || !job.enabled || job.status !== 'active') return this.loop.unregister(id) ? 'removed' : 'unchanged';
    if (current && current.version === job.version) return 'unchanged';
    this.loop.register(this.toLoopJob(job), this.dbClock.now());
    return current ? 'updated' : 'added';
  }

  private async reconcile(schedulable: JobEntity[], boot: 'boot' | false): Promise<ReloadDiff> {
    const diff: ReloadDiff = { added: 0, updated: 0, removed: 0, unchanged: 0 };
    const present = new Set(schedulable.map((j) => j.id));
    for (const id of this.loop.ids()) if (!present.has(id) && this.loop.unregister(id)) diff.removed += 1;
    const fresh = schedulable.filter((j) => this.loop.get(j.id)?.version !== j.version);
    if (this.enabledHere && boot) await this.catchUp(fresh, 'no replica was running');
    for (const job of schedulable) diff[this.apply(job, job.id)] += 1;
    this.metrics.scheduledJobs.set(this.loop.size);
    this.lastFullSyncAt = this.dbClock.now();
    return diff;
  }

  /**
   * Fire times that passed while no replica ran, or while the database was unreachable: from each
   * job's last claimed time (or its anchor) to now, run what its misfire policy says; the times it
   * does not run get a `skipped` run record saying why (and count as `missed`). Claims make this
   * safe when replicas boot or recover together: each fire time is decided once.
   */
  private async catchUp(jobs: JobEntity[], why: string): Promise<void> {
    if (jobs.length === 0 || this.paused) return;
    const now = this.dbClock.now();
    const last = await this.runs.lastScheduled(jobs.map((j) => j.id));
    const fires: DueFire[] = [];
    const dropped: Array<{ id: string; type?: string; count: number }> = [];
    const skipped: Array<{ jobId: string; scheduledFor: Date; reason: string }> = [];
    for (const job of jobs) {
      const loopJob = this.toLoopJob(job);
      // Only the grace window can run, so only it is searched (a long outage has many more times).
      const from = Math.max(
        last.get(job.id)?.getTime() ?? -Infinity,
        job.anchorAt.getTime(),
        now - job.misfire.graceSeconds * 1000 - 1,
      );
      const missed = fireTimesBetween(loopJob.spec, from, now, loopJob.ctx, 10_000);
      const planned = planMisfire(loopJob.misfire, missed, now);
      for (const t of planned) fires.push({ job: loopJob, scheduledFor: t, trigger: 'catchup' });
      if (missed.length > planned.length) {
        dropped.push({ id: job.id, type: job.type, count: missed.length - planned.length });
        const run = new Set(planned);
        const reason = `missed: ${why} (misfire policy ${job.misfire.policy})`;
        for (const t of missed) if (!run.has(t)) skipped.push({ jobId: job.id, scheduledFor: new Date(t), reason });
      }
    }
    await this.runs.recordMissed(skipped, this.dbClock.date(), this.instance.id);
    this.noteMissed(dropped);
    if (fires.length) this.logger.log(`catching up ${fires.length} missed fire times`);
    this.onDue(fires);
  }

  /**
   * Fire times within the grace window that the misfire policy did not run: the job's `missed`
   * counter (CONTRACT §8) and the metric by type. Rare (after downtime), so written at once.
   */
  private noteMissed(missed: Array<{ id: string; type?: string; count: number }>): void {
    if (missed.length === 0) return;
    const byJob = new Map<string, number>();
    for (const m of missed) {
      byJob.set(m.id, (byJob.get(m.id) ?? 0) + m.count);
      this.metrics.jobCounters.inc({ type: m.type ?? 'unknown', counter: 'missed' }, m.count);
    }
    void this.counters
      .addMissed(byJob)
      .catch((e: Error) => this.logger.error(`recording ${byJob.size} jobs' missed fire times failed: ${e.message}`));
  }

  private toLoopJob(job: JobEntity): LoopJob {
    return {
      id: job.id,
      name: job.name,
      type: job.type,
      version: job.version,
      spec: job.schedule as unknown as ScheduleSpec,
      ctx: scheduleContext(job, this.config.scheduler.timezone),
      misfire: job.misfire,
      entity: job,
    };
  }

  /** A lost claim may mean this replica's copy of the job is stale; look again. */
  private async refreshStale(ids: string[]): Promise<void> {
    try {
      for (const id of new Set(ids)) {
        const job = await this.jobs.findById(id);
        if (!job || job.version !== this.loop.get(id)?.version) this.apply(job, id);
      }
    } catch (e) {
      // Called without a waiter: a failure here must be logged, not left to crash the process. The next sync catches up.
      this.logger.error(`refreshing ${ids.length} jobs after lost claims failed: ${(e as Error).message}`);
    }
  }

  private scheduleUpkeep(): void {
    this.upkeep = this.timers.set(
      () => {
        this.upkeepRun = this.runUpkeep().finally(() => {
          this.upkeepRun = null;
          if (this.loop.isRunning) this.scheduleUpkeep();
        });
      },
      Math.min(SYNC_MS, HEARTBEAT_MS),
      'scheduler-upkeep',
    );
  }

  /** Claims failed: the database is away. Fire times from here on wait for its return. */
  private noteOutage(): void {
    if (this.outageSince !== null) return;
    this.outageSince = this.dbClock.now();
    this.logger.warn(
      "claims fail: the database is unreachable; fire times from now on go through each job's misfire policy when it is back",
    );
  }

  /**
   * The database answers again after an outage: every registered job's fire times since its last
   * claimed one go through its misfire policy, exactly as after a restart.
   */
  private async endOutage(): Promise<void> {
    await this.state.ping();
    const since = this.outageSince!;
    this.outageSince = null;
    try {
      const jobs = this.loop.ids().flatMap((id) => this.loop.get(id)?.entity ?? []);
      await this.catchUp(jobs, 'the database was unreachable');
      this.logger.log(
        `database back after ${Math.round((this.dbClock.now() - since) / 1000)} s; missed fire times caught up`,
      );
    } catch (e) {
      this.outageSince = since;
      throw e;
    }
  }

  /** Follows other replicas (job versions, pause flag), renews leases, recovers orphaned runs. */
  async runUpkeep(): Promise<void> {
    try {
      if (this.outageSince !== null) await this.endOutage();
      const now = this.dbClock.now();
      this.deploymentPaused = await this.state.isPaused();
      if (now - this.lastFullSyncAt >= FULL_SYNC_MS) {
        await this.dbClock.measure();
        await this.reconcile(await this.jobs.findSchedulable(), false);
      } else {
        const since = new Date((this.lastSyncAt || now) - 5000);
        for (const { id, version } of await this.jobs.changedSince(since)) {
          if (this.loop.get(id)?.version !== version) this.apply(await this.jobs.findById(id), id);
        }
      }
      this.lastSyncAt = now;
      await this.executor.maintain();
      this.metrics.scheduledJobs.set(this.loop.size);
      this.metrics.schedulerLag.set(this.lagMs() / 1000);
    } catch (e) {
      if (isConnectionError(e)) this.noteOutage();
      else this.logger.error(`upkeep failed: ${(e as Error).message}`);
    }
  }
}
