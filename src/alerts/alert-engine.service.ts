import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { barToJson, type Bar } from '../market-data/core/bar.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../market-data/core/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { renderMessage, type NotificationInput } from '../notifications/core/index.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { DEFAULT_DELAY_SECONDS } from '../scheduler/core/index.js';
import { DbClock } from '../scheduler/db-clock.js';
import { JobStatesRepository, type StoredJobState } from '../jobs/job-states.repository.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { AlertEventsRepository, type StoredAlertEvent } from './alert-events.repository.js';
import {
  buildMessageView, createEvalContext, initialAlertState, renderDefaultMessage, runAlert, sameAlertState,
  type AlertConfig, type AlertRunOutput, type AlertState,
} from './core/index.js';
import { indicatorSpec, SharedSeries, windowKey } from './indicator-adapter.js';
import { StaleTracker } from './stale-tracker.js';

export type AlertOutcome =
  | { outcome: 'evaluated'; provider: string; bars: number; evaluated: string[]; triggered: string[]; state: string }
  | { outcome: 'lostRace' }
  | { outcome: 'stale'; provider: string; latestBar: string | null }
  | { outcome: 'notClosedYet'; provider: string; latestBar: string | null; expected: string };

/** Alerts per pipeline slice (one transaction each), and how many slices may be committing at once. */
const CHUNK_ALERTS = 10_000;
const WRITES_IN_FLIGHT = 2;

interface Group {
  key: string;
  config: AlertConfig;
  jobs: JobEntity[];
}

/** One alert's pass: the state it started from (and that state's revision: null before its first write) and what came out. */
interface AlertRun {
  job: JobEntity;
  provider: string;
  before: AlertState;
  rev: number | null;
  out: AlertRunOutput;
}

/**
 * Evaluates alerts at a fire time (CONTRACT §4, §4a, §5). Alerts on the same (provider, symbol,
 * timeframe, lookback) share one bar load and one computation of each distinct indicator; every
 * state change, its events and its notifications are written in one transaction, guarded by the
 * state's revision, so a bar transitions an alert at most once whatever replicas, retries or
 * catch-up runs do. A single scheduled run is `process([job])`; a batch of any size is one pass.
 *
 * State lives in `job_states`, read fresh at the start of a pass (the job entities handed in may
 * be older). A bar on which nothing happened moves only the alert's cursor: one narrow,
 * set-based update for all of them; states, events and notifications are written only for alerts
 * that changed.
 */
@Injectable()
export class AlertEngine {
  private readonly logger = new Logger('AlertEngine');
  readonly shared = new SharedSeries();
  readonly stale = new StaleTracker();

  constructor(
    private readonly data: DataManager,
    private readonly events: AlertEventsRepository,
    private readonly states: JobStatesRepository,
    private readonly jobs: JobsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly dbClock: DbClock,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /**
   * A pipeline over slices of about CHUNK_ALERTS alerts (whole groups): while the database commits
   * one slice, the next is loaded and evaluated, so CPU and database work overlap. Each slice is
   * its own transaction; an alert's state, events and notification are always in the same one.
   */
  async process(jobs: JobEntity[], scheduledFor: Date): Promise<Map<string, AlertOutcome>> {
    const outcomes = new Map<string, AlertOutcome>();
    const writes: Array<Promise<void>> = [];
    for (const slice of slices(groupJobs(jobs), CHUNK_ALERTS)) {
      // At most WRITES_IN_FLIGHT slices wait for the database: memory stays bounded, and Node keeps a core.
      if (writes.length >= WRITES_IN_FLIGHT) await writes[writes.length - WRITES_IN_FLIGHT].catch(() => undefined);
      const members = slice.flatMap((g) => g.jobs);
      const stored = await this.states.load(members.map((j) => j.id));
      const runs: AlertRun[] = [];
      for (const group of slice) {
        for (const r of await this.evaluateGroup(group, scheduledFor.getTime(), outcomes, stored)) runs.push(r);
      }
      const write = this.persist(runs, outcomes).then(() => this.recordStale(members, outcomes, scheduledFor, stored));
      write.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled" meanwhile
      writes.push(write);
    }
    const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes;
  }

  /** A stale evaluation is an event of its own (`stale`), once per (alert, bar), so users see why nothing fired. */
  private async recordStale(jobs: JobEntity[], outcomes: Map<string, AlertOutcome>, scheduledFor: Date, stored: Map<string, StoredJobState>): Promise<void> {
    const stale = jobs.filter((j) => outcomes.get(j.id)?.outcome === 'stale');
    if (stale.length === 0) return;
    const at = this.dbClock.date();
    await this.ds.transaction((em) => this.events.insert(em, stale.map((job) => {
      const tf = (job.config as unknown as AlertConfig).timeframe as Timeframe;
      const status = stateOf(job, stored.get(job.id)).status;
      return { jobId: job.id, at, barTime: new Date(barOpenTime(scheduledFor.getTime(), tf) - TIMEFRAME_MS[tf]), type: 'stale', from: status, to: status, values: {} };
    })));
  }

  private async evaluateGroup(group: Group, firedAt: number, outcomes: Map<string, AlertOutcome>, stored: Map<string, StoredJobState>): Promise<AlertRun[]> {
    const { config } = group;
    const tf = config.timeframe as Timeframe;
    const tfMs = TIMEFRAME_MS[tf];
    const lastClosedOpen = barOpenTime(firedAt, tf) - tfMs;
    const { provider, bars } = await this.data.getClosedBars({
      symbol: config.symbol, timeframe: tf, provider: config.provider, limit: config.lookbackBars, toMs: lastClosedOpen + tfMs,
    });
    const latest = bars.at(-1);
    if (!latest || latest.openTime < lastClosedOpen) {
      const outcome = this.missingBar(group, provider, latest, lastClosedOpen);
      for (const job of group.jobs) outcomes.set(job.id, outcome);
      return [];
    }
    this.stale.fresh(group.key);
    const forming = config.trigger === 'oncePerBar'
      ? (await this.data.getFormingBar({ symbol: config.symbol, timeframe: tf, provider })).bar : null;
    const now = this.dbClock.now();
    const window = forming ? [...bars, forming] : bars;
    const seriesFn = this.shared.seriesFor(windowKey(provider, config.symbol, tf, window));
    const ctx = createEvalContext({ bars: window, timeframe: tf, seriesFn, indicatorSpec });
    return group.jobs.map((job) => {
      const cfg = job.config as unknown as AlertConfig;
      const row = stored.get(job.id);
      const before = stateOf(job, row);
      const out = runAlert({
        config: cfg, state: before, bars, forming, anchorMs: job.anchorAt.getTime(), lastClosedOpen, nowMs: now, seriesFn, indicatorSpec, ctx,
      });
      return { job, provider, before, rev: row?.rev ?? null, out };
    });
  }

  /** The provider has not closed the bar yet (retry soon), or its data stopped (stale, CONTRACT §4a). */
  private missingBar(group: Group, provider: string, latest: Bar | undefined, lastClosedOpen: number): AlertOutcome {
    const tfMs = TIMEFRAME_MS[group.config.timeframe as Timeframe];
    // §4a: stale is `2 × timeframe + delaySeconds + 5 s`; the group's jobs may settle differently, take the longest.
    const delayMs = group.jobs.reduce((m, j) => Math.max(m, ((j.schedule as { delaySeconds?: number }).delaySeconds ?? DEFAULT_DELAY_SECONDS) * 1000), 0);
    const latestIso = latest ? new Date(latest.openTime).toISOString() : null;
    const staleBefore = this.dbClock.now() - (2 * tfMs + delayMs + 5000);
    if (!latest || latest.closeTime < staleBefore) {
      this.stale.stale(group.key, `${group.config.symbol} ${group.config.timeframe} via ${provider}: latest bar ${latestIso ?? 'none'}`);
      return { outcome: 'stale', provider, latestBar: latestIso };
    }
    return { outcome: 'notClosedYet', provider, latestBar: latestIso, expected: new Date(lastClosedOpen).toISOString() };
  }

  private async persist(runs: AlertRun[], outcomes: Map<string, AlertOutcome>): Promise<void> {
    const changed = runs.filter((r) => r.out.evaluated.length > 0 || r.out.triggers.length > 0 || r.out.events.length > 0);
    for (const r of runs) outcomes.set(r.job.id, evaluatedOutcome(r.provider, r.out));
    if (changed.length === 0) return;
    const now = this.dbClock.date();
    let notified = 0;
    await this.ds.transaction(async (em) => {
      const lost = await this.states.write(em, changed.map(({ job, before, rev, out }) => {
        const cursor = out.state.lastEvaluatedBarOpen ?? null;
        if (sameAlertState(before, out.state)) return { jobId: job.id, rev, cursor };
        const { lastEvaluatedBarOpen: _cursor, ...state } = out.state;
        return { jobId: job.id, rev, cursor, state };
      }));
      const won = lost.size === 0 ? changed : changed.filter((r) => !lost.has(r.job.id));
      for (const id of lost) outcomes.set(id, { outcome: 'lostRace' });
      await this.jobs.finish(em, won.filter((r) => r.out.state.status === 'done' || r.out.state.status === 'expired')
        .map((r) => ({ jobId: r.job.id, status: r.out.state.status as 'done' | 'expired' })));
      await this.events.insert(em, won.flatMap(({ job, out }) => out.events.map((e): StoredAlertEvent => ({
        jobId: job.id, at: now, barTime: new Date(e.barTime), type: e.type, from: e.from, to: e.to, values: e.values,
      }))));
      const inputs = won.flatMap(({ job, provider, out }) => out.triggers.map((t) => notification(job, provider, t.bar, t.values, now)));
      notified = (await this.notifications.enqueueMany(em, inputs)).length;
    });
    if (notified > 0) this.dispatcher.kick();
  }
}

/** Consecutive groups, cut into slices of at least `size` alerts (a group is never split). */
function slices(groups: Group[], size: number): Group[][] {
  const out: Group[][] = [];
  let current: Group[] = [];
  let n = 0;
  for (const g of groups) {
    current.push(g);
    n += g.jobs.length;
    if (n >= size) {
      out.push(current);
      current = [];
      n = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

function groupJobs(jobs: JobEntity[]): Group[] {
  const groups = new Map<string, Group>();
  for (const job of jobs) {
    const c = job.config as unknown as AlertConfig;
    const key = `${c.provider ?? '*'}|${c.symbol}|${c.timeframe}|${c.lookbackBars}|${c.trigger === 'oncePerBar'}`;
    const group = groups.get(key) ?? { key, config: c, jobs: [] };
    group.jobs.push(job);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The alert's state now: what its runs last wrote (job_states), else what it was created or edited with. */
function stateOf(job: JobEntity, row: StoredJobState | undefined): AlertState {
  const s = (row?.state ?? job.state ?? {}) as Partial<AlertState>;
  const initial = initialAlertState();
  // One fixed shape (the hot path builds 100,000 of these); the cursor comes from job_states only.
  return {
    status: s.status ?? initial.status,
    triggerCount: s.triggerCount ?? initial.triggerCount,
    consecutiveTrue: s.consecutiveTrue ?? initial.consecutiveTrue,
    lastTriggeredBarOpen: s.lastTriggeredBarOpen,
    lastTriggeredCloseTime: s.lastTriggeredCloseTime,
    lastEvaluatedBarOpen: row?.cursor ?? undefined,
  };
}

/** ISO strings of bar times: the alerts of a pass share a handful of bars, so each is formatted once. */
const isoOfBar = new Map<number, string>();
function barIso(t: number): string {
  let iso = isoOfBar.get(t);
  if (iso === undefined) {
    if (isoOfBar.size >= 4096) isoOfBar.clear();
    iso = new Date(t).toISOString();
    isoOfBar.set(t, iso);
  }
  return iso;
}

function evaluatedOutcome(provider: string, out: AlertRunOutput): AlertOutcome {
  return {
    outcome: 'evaluated', provider, bars: out.evaluated.length, state: out.state.status,
    evaluated: out.evaluated.map(barIso),
    triggered: out.triggers.map((t) => barIso(t.bar.openTime)),
  };
}

function notification(job: JobEntity, provider: string, bar: Bar, values: Record<string, number | null>, now: Date): NotificationInput {
  const config = job.config as unknown as AlertConfig;
  const view = buildMessageView({ jobName: job.name, config, provider, bar, values });
  const message = config.notify?.message ? renderMessage(config.notify.message, view) : renderDefaultMessage(view, config.rule, indicatorSpec);
  return {
    jobId: job.id, jobName: job.name, symbol: config.symbol, timeframe: config.timeframe, provider, bar: barToJson(bar), values, message,
    channels: config.notify?.channels ?? [], recipient: config.notify?.recipient ?? null, priority: config.notify?.priority ?? null,
    triggeredAt: now.toISOString(),
  };
}
