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
import { RunExecutor, HEARTBEAT_MS, LEASE_MS } from './run-executor.js';
import { SchedulerLoop, type DueFire, type LoopJob } from './scheduler-loop.js';
import { SchedulerStateRepository } from './scheduler-state.repository.js';
import { Timers } from '../base/time/timers.js';

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
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dbClock.measure();
    this.deploymentPaused = await this.state.isPaused();
    if (!this.enabledHere) return;
    await this.files.sync();
    this.unsubscribe = this.bus.subscribe((change) => this.onChange(change));
    const diff = await this.reconcile(await this.jobs.findSchedulable(), true);
    this.loop.start();
    this.scheduleUpkeep();
    this.logger.log(`instance ${this.instance.id}: ${diff.added} jobs scheduled${this.paused ? ' (paused)' : ''}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.loop.stop();
    this.unsubscribe();
    if (this.upkeep !== null) this.timers.clear(this.upkeep);
    this.upkeep = null;
    await this.upkeepRun;
    await this.executor.drain(this.config.scheduler.jobTimeoutSeconds * 1000);
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
    if (this.paused) return;
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

  private async reconcile(schedulable: JobEntity[], boot: boolean): Promise<ReloadDiff> {
    const diff: ReloadDiff = { added: 0, updated: 0, removed: 0, unchanged: 0 };
    const present = new Set(schedulable.map((j) => j.id));
    for (const id of this.loop.ids()) if (!present.has(id) && this.loop.unregister(id)) diff.removed += 1;
    const fresh = schedulable.filter((j) => this.loop.get(j.id)?.version !== j.version);
    if (this.enabledHere) await this.catchUp(fresh, boot);
    for (const job of schedulable) diff[this.apply(job, job.id)] += 1;
    this.metrics.scheduledJobs.set(this.loop.size);
    this.lastFullSyncAt = this.dbClock.now();
    return diff;
  }

  /**
   * Fire times that passed while no replica ran: from each job's last claimed time (or its anchor)
   * to now, run what its misfire policy says. Claims make this safe when replicas boot together.
   */
  private async catchUp(jobs: JobEntity[], boot: boolean): Promise<void> {
    if (!boot || jobs.length === 0 || this.paused) return;
    const now = this.dbClock.now();
    const last = await this.runs.lastScheduled(jobs.map((j) => j.id));
    const fires: DueFire[] = [];
    const dropped: Array<{ id: string; type?: string; count: number }> = [];
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
      if (missed.length > planned.length)
        dropped.push({ id: job.id, type: job.type, count: missed.length - planned.length });
    }
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

  /** Follows other replicas (job versions, pause flag), renews leases, recovers orphaned runs. */
  async runUpkeep(): Promise<void> {
    try {
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
      this.logger.error(`upkeep failed: ${(e as Error).message}`);
    }
  }
}
