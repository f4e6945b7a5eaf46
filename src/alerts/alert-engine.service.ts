import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { Bar } from '../base/domain/bar.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.js';
import type { NotificationInput } from '../notifications/core/index.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { DEFAULT_DELAY_SECONDS } from '../base/schedule/index.js';
import { DbClock } from '../base/time/db-clock.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { JobStatesRepository, JobStateWrites } from '../jobs/job-states.repository.js';
import type { StoredAlertEvent } from './alert-events.repository.js';
import { AlertPassRepository, type PassEffects } from './alert-pass.repository.js';
import { createEvalContext, runAlert, type AlertBehaviour, type AlertState } from './core/index.js';
import { indicatorSpec, seriesOver } from './core/indicator-adapter.js';
import { IndicatorService } from '../indicators/indicator.service.js';
import { AlertMemo, checkpointDue, stateOf, type MemoEntry } from './alert-memo.js';
import { StaleTracker } from './stale-tracker.js';
import { SeriesLoader, type SeriesLoad } from './series-loads.js';
import {
  allOrFirstError,
  errorStep,
  floodPause,
  notification,
  PassOutcomes,
  roomFor,
  settled,
  slices,
  SliceRuns,
  stepOf,
  type AlertOutcome,
  type FloodPause,
  type Group,
  type Step,
} from './alert-pass.js';

export { PassOutcomes, type AlertOutcome } from './alert-pass.js';

/** Alerts per pipeline slice (one transaction each), and how many slices may be committing at once. */
const CHUNK_ALERTS = 10_000;
const WRITES_IN_FLIGHT = 2;
/** Alerts evaluated between two turns of the event loop. */
const YIELD_EVERY = 1_000;
/** Series loads of one engine in flight at once (each still under its vendor's rate limiter and breaker). */
const LOAD_CONCURRENCY = 16;
/** Series that are in by then are evaluated and written first; slower ones follow in a write of their own. */
const LATE_LOAD_MS = 1_000;

/** openTime of the newest bar that must be closed at `firedAt`, at the group's timeframe. */
function lastClosedOpenOf(group: Group, firedAt: number): number {
  const tf = group.config.timeframe as Timeframe;
  return barOpenTime(firedAt, tf) - TIMEFRAME_MS[tf];
}

/** Waits until every load is in or `ms` (real time) passed; answers the loads in by then (undefined: still loading). */
async function arrivedWithin<T>(loads: Array<Promise<T>>, ms: number): Promise<Array<T | undefined>> {
  const got: Array<T | undefined> = new Array(loads.length);
  const all = Promise.all(loads.map((p, i) => p.then((v) => void (got[i] = v))));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  return got;
}

/**
 * Evaluates alerts at a fire time (CONTRACT §4, §4a, §5). Alerts on the same (provider, symbol,
 * timeframe, lookback) share one bar load and one computation of each distinct indicator; every
 * state change, its events and its notifications are written in one transaction, guarded by the
 * state's revision, so a bar transitions an alert at most once whatever replicas, retries or
 * catch-up runs do. A single scheduled run is `process([job])`; a batch of any size is one pass.
 *
 * State lives in `job_states`. A replica keeps what it last read or wrote there (AlertMemo), so a
 * pass reads only the alerts it does not know; a write computed from a memo that was out of date
 * loses its guard, and that alert is read and run again in the same call. A bar on which nothing
 * happened moves only the alert's cursor, which is stored only at checkpoints (`checkpointDue`,
 * at most 10 minutes apart: a tenth of such alerts per 1m bar), in narrow, set-based updates after
 * the pass's notifications; states, events and notifications are written for every alert that changed. Alerts that step alike (one
 * behaviour: rule, trigger, rearm, persistence, expiry) in one state are stepped once per window
 * and share the result; each distinct rule is evaluated once per bar of a window.
 */
@Injectable()
export class AlertEngine {
  readonly stale = new StaleTracker();
  /** Series whose bars could not be loaded at their last bar close (each fails only its own alerts). */
  readonly failing = new StaleTracker('market data unavailable');
  private readonly memo = new AlertMemo();
  private readonly logger = new Logger('AlertEngine');
  private loader: SeriesLoader | undefined;
  /**
   * The last pass: how many alerts, how long until every state change and notification was
   * committed (notifications are in the outbox), and until every cursor move was too. Also in
   * /metrics as market_scheduler_alert_pass_seconds.
   */
  lastPass: { alerts: number; outboxMs: number; doneMs: number } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: DataManager,
    private readonly states: JobStatesRepository,
    private readonly writes: AlertPassRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly dbClock: DbClock,
    private readonly metrics: MetricsService,
    private readonly indicators: IndicatorService,
  ) {}

  /** Loads the pass's series, LOAD_CONCURRENCY at once, each for at most DATA_TIMEOUT. */
  private get series(): SeriesLoader {
    return (this.loader ??= new SeriesLoader(this.data, {
      concurrency: LOAD_CONCURRENCY,
      timeoutMs: this.config.data.timeoutSeconds * 1000,
    }));
  }

  /**
   * A pipeline over slices of about CHUNK_ALERTS alerts (whole groups): while the database commits
   * one slice, the next is loaded and evaluated, so CPU and database work overlap. Each slice is
   * its own transaction; an alert's state, events and notification are always in the same one.
   */
  async process(jobs: JobEntity[], scheduledFor: Date): Promise<PassOutcomes> {
    const outcomes: AlertOutcome[] = new Array(jobs.length);
    const timing = { startedAt: performance.now(), outboxMs: 0 };
    const rerun = await this.pass(
      jobs,
      jobs.map((_, i) => i),
      scheduledFor,
      outcomes,
      timing,
    );
    // Alerts whose memoised state turned out old (another replica or an edit moved it): read and run again.
    if (rerun.length > 0)
      await this.pass(
        rerun.map((i) => jobs[i]),
        rerun,
        scheduledFor,
        outcomes,
        timing,
      );
    const doneMs = performance.now() - timing.startedAt;
    this.lastPass = { alerts: jobs.length, outboxMs: timing.outboxMs, doneMs };
    this.metrics.alertPassSeconds.observe({ until: 'outbox' }, timing.outboxMs / 1000);
    this.metrics.alertPassSeconds.observe({ until: 'done' }, doneMs / 1000);
    return new PassOutcomes(jobs, outcomes);
  }

  /**
   * One pipelined pass over `jobs`, whose outcomes go to `outcomes[at[i]]`; answers the positions of
   * the alerts that lost only because their memoised state was old.
   */
  private async pass(
    jobs: JobEntity[],
    at: number[],
    scheduledFor: Date,
    outcomes: AlertOutcome[],
    timing: { startedAt: number; outboxMs: number },
  ): Promise<number[]> {
    const firedAt = scheduledFor.getTime();
    const rerun: number[] = [];
    const writes: Array<Promise<void>> = [];
    const checkpoints: SliceRuns[] = [];
    const wave = async (groups: Group[], loads: SeriesLoad[], loaded: Set<string>): Promise<void> => {
      const runs = new SliceRuns();
      const advances = new SliceRuns();
      if (groups.length === 0) return;
      let sinceYield = 0;
      for (let g = 0; g < groups.length; g++) {
        this.evaluateGroup(groups[g], loads[g], firedAt, outcomes, loaded, runs, advances);
        // Cached bars resolve without I/O: let the event loop take the database's answers to the
        // slices being written now and then, or their next statements wait for this whole slice.
        if ((sinceYield += groups[g].jobs.length) >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      checkpoints.push(advances);
      writes.push(
        settled(
          this.persist(runs, outcomes, rerun)
            .then(() => {
              timing.outboxMs = performance.now() - timing.startedAt;
            })
            .then(() => this.recordStale(groups, outcomes, scheduledFor)),
        ),
      );
    };
    for (const slice of slices(this.groupJobs(jobs, at), CHUNK_ALERTS)) {
      // At most WRITES_IN_FLIGHT slices wait for the database: memory stays bounded, and Node keeps a core.
      await roomFor(writes, WRITES_IN_FLIGHT);
      const loaded = await this.loadStates(slice);
      // Every series of the slice loads at once (bounded); one that is slow or failing holds only its alerts.
      const loads = slice.map((g) => this.series.load(g.config, lastClosedOpenOf(g, firedAt)));
      // A wave evaluates and writes the series that are in; the others' alerts follow in later waves.
      const nextWave = async (pending: number[]): Promise<number[]> => {
        const got = await arrivedWithin(
          pending.map((i) => loads[i]),
          LATE_LOAD_MS,
        );
        const ready = pending.flatMap((i, k) => (got[k] === undefined ? [] : [[i, k]]));
        await wave(
          ready.map(([i]) => slice[i]),
          ready.map(([, k]) => got[k]!),
          loaded,
        );
        return pending.filter((_, k) => got[k] === undefined);
      };
      const late = await nextWave(slice.map((_, i) => i));
      // The slower series are evaluated and written as they come (or time out), while the pass goes on.
      if (late.length > 0)
        writes.push(
          settled(
            (async () => {
              for (let pending = late; pending.length > 0;) pending = await nextWave(pending);
            })(),
          ),
        );
    }
    // Late waves add their writes when they run: wait until no write is left unawaited.
    for (let seen = 0; seen < writes.length;) {
      seen = writes.length;
      await allOrFirstError(writes);
    }
    // Every notification of the pass is in the outbox: only then the checkpoints (cursor-only
    // writes), so bookkeeping never delays what users wait for.
    const pending: Array<Promise<void>> = [];
    for (const advances of checkpoints) {
      await roomFor(pending, WRITES_IN_FLIGHT);
      pending.push(settled(this.advance(advances, outcomes, rerun)));
    }
    await allOrFirstError(pending);
    return rerun;
  }

  /** Reads the state of the slice's alerts that the memo does not hold; answers their ids (their state is fresh). */
  private async loadStates(slice: Group[]): Promise<Set<string>> {
    const missing: JobEntity[] = [];
    const entries: MemoEntry[] = [];
    for (const group of slice) {
      for (let i = 0; i < group.jobs.length; i++) {
        if (group.entries[i].state !== undefined) continue;
        missing.push(group.jobs[i]);
        entries.push(group.entries[i]);
      }
    }
    if (missing.length === 0) return new Set();
    const stored = await this.states.load(missing.map((j) => j.id));
    missing.forEach((job, i) => this.memo.remember(entries[i], job, stored.get(job.id)));
    return new Set(missing.map((j) => j.id));
  }

  /** A stale evaluation is an event of its own (`stale`), once per (alert, bar), so users see why nothing fired. */
  private async recordStale(slice: Group[], outcomes: AlertOutcome[], scheduledFor: Date): Promise<void> {
    // A group is stale as a whole (one outcome for all its alerts), so one look per group finds them.
    const stale = slice
      .filter((g) => outcomes[g.at[0]]?.outcome === 'stale')
      .flatMap((g) => g.jobs.map((job, i) => ({ job, entry: g.entries[i] })));
    if (stale.length === 0) return;
    const at = this.dbClock.date();
    await this.writes.recordEvents(
      stale.map(({ job, entry }) => {
        const tf = entry.config.timeframe as Timeframe;
        const status = (entry.state ?? stateOf(job, undefined)).status;
        return {
          jobId: job.id,
          at,
          barTime: new Date(barOpenTime(scheduledFor.getTime(), tf) - TIMEFRAME_MS[tf]),
          type: 'stale',
          from: status,
          to: status,
          values: {},
        };
      }),
    );
  }

  /**
   * The group's series could not be loaded: its alerts (and only they) fail at this fire time, with
   * the reason. An alert entering the error condition gets its one `error` event (CONTRACT §4a),
   * written with a mark in its state, guarded like any transition; while the mark is there no
   * further event is written, and its next evaluation clears it (the episode is over).
   */
  private seriesFailed(
    group: Group,
    load: SeriesLoad & { ok: false },
    lastClosedOpen: number,
    outcomes: AlertOutcome[],
    loaded: Set<string>,
    runs: SliceRuns,
  ): void {
    if (!this.failing.has(group.key)) this.logger.warn(`${load.error}: ${load.detail}`);
    this.failing.stale(group.key, load.error);
    const outcome: Extract<AlertOutcome, { outcome: 'error' }> = {
      outcome: 'error',
      provider: group.config.provider ?? null,
      barTime: new Date(lastClosedOpen).toISOString(),
      error: load.error,
      permanent: load.permanent,
    };
    const steps = new Map<AlertState, Step | null>();
    for (let i = 0; i < group.jobs.length; i++) {
      outcomes[group.at[i]] = outcome;
      const entry = group.entries[i];
      const before = entry.state!;
      let step = steps.get(before);
      if (step === undefined) steps.set(before, (step = errorStep(before, outcome)));
      if (step === null) continue;
      runs.jobs.push(group.jobs[i]);
      runs.at.push(group.at[i]);
      runs.entries.push(entry);
      runs.steps.push(step);
      runs.revs.push(entry.rev);
      runs.cached.push(loaded.size === 0 || !loaded.has(group.jobs[i].id));
    }
  }

  /** Steps the group's alerts on its loaded series (no I/O): what to write goes to `runs`, cursor-only moves to `advances`. */
  private evaluateGroup(
    group: Group,
    load: SeriesLoad,
    firedAt: number,
    outcomes: AlertOutcome[],
    loaded: Set<string>,
    runs: SliceRuns,
    advances: SliceRuns,
  ): void {
    const { config } = group;
    const tf = config.timeframe as Timeframe;
    const tfMs = TIMEFRAME_MS[tf];
    const lastClosedOpen = lastClosedOpenOf(group, firedAt);
    if (!load.ok) return this.seriesFailed(group, load, lastClosedOpen, outcomes, loaded, runs);
    const { provider, bars, forming } = load;
    this.failing.fresh(group.key);
    const latest = bars.at(-1);
    if (!latest || latest.openTime < lastClosedOpen) {
      const outcome = this.missingBar(group, provider, latest, lastClosedOpen);
      for (const i of group.at) outcomes[i] = outcome;
      return;
    }
    this.stale.fresh(group.key);
    const now = this.dbClock.now();
    const window = forming ? [...bars, forming] : bars;
    const seriesFn = seriesOver(this.indicators.windows, { provider, symbol: config.symbol, timeframe: tf }, window);
    const ctx = createEvalContext({ bars: window, timeframe: tf, seriesFn, indicatorSpec });
    // Alerts with one behaviour in one state step identically on these bars, so each such bucket is
    // stepped once. The anchor (creation or resume) matters only to bars closing before it: once an
    // alert's cursor is past it, it no longer tells alerts apart.
    const steps = new Map<AlertBehaviour, Map<AlertState, Map<number, Step>>>();
    for (let i = 0; i < group.jobs.length; i++) {
      const job = group.jobs[i];
      const entry = group.entries[i];
      const before = entry.state!;
      const { anchorMs } = entry;
      const anchorKey =
        before.lastEvaluatedBarOpen !== undefined && before.lastEvaluatedBarOpen + 2 * tfMs > anchorMs ? 0 : anchorMs;
      let byState = steps.get(entry.behaviour);
      if (byState === undefined) steps.set(entry.behaviour, (byState = new Map()));
      let byAnchor = byState.get(before);
      if (byAnchor === undefined) byState.set(before, (byAnchor = new Map()));
      let step = byAnchor.get(anchorKey);
      if (step === undefined) {
        const out = runAlert({
          config: entry.behaviour,
          state: before,
          bars,
          forming,
          anchorMs,
          lastClosedOpen,
          nowMs: now,
          seriesFn,
          indicatorSpec,
          ctx,
        });
        // Evaluated: a series-error episode is over (the mark goes, so the next failure is reported again).
        if (before.seriesError !== undefined) out.state = { ...out.state, seriesError: undefined };
        out.state = this.memo.state(out.state); // alerts that end up alike stay in one bucket next bar
        step = stepOf(provider, before, out);
        byAnchor.set(anchorKey, step);
      }
      const cursorOnly = step.changed && step.state === undefined && entry.rev !== null;
      if (cursorOnly && !checkpointDue(entry, step.cursor!, tfMs)) {
        // Nothing happened and no checkpoint is due (the common case): only this replica's memory moves on.
        entry.state = step.out.state;
        outcomes[group.at[i]] = step.outcome;
        continue;
      }
      // A checkpoint: the cursor is written once the pass's changes are all committed, in a statement of its own.
      const into = cursorOnly ? advances : runs;
      into.jobs.push(job);
      into.at.push(group.at[i]);
      into.entries.push(entry);
      into.steps.push(step);
      into.revs.push(entry.rev);
      into.cached.push(loaded.size === 0 || !loaded.has(job.id));
    }
  }

  /** The provider has not closed the bar yet (retry soon), or its data stopped (stale, CONTRACT §4a). */
  private missingBar(group: Group, provider: string, latest: Bar | undefined, lastClosedOpen: number): AlertOutcome {
    const tfMs = TIMEFRAME_MS[group.config.timeframe as Timeframe];
    // §4a: stale is `2 × timeframe + delaySeconds + 5 s`; the group's jobs may settle differently, take the longest.
    const delayMs = group.jobs.reduce(
      (m, j) => Math.max(m, ((j.schedule as { delaySeconds?: number }).delaySeconds ?? DEFAULT_DELAY_SECONDS) * 1000),
      0,
    );
    const latestIso = latest ? new Date(latest.openTime).toISOString() : null;
    const staleBefore = this.dbClock.now() - (2 * tfMs + delayMs + 5000);
    if (!latest || latest.closeTime < staleBefore) {
      this.stale.stale(
        group.key,
        `${group.config.symbol} ${group.config.timeframe} via ${provider}: latest bar ${latestIso ?? 'none'}`,
      );
      return { outcome: 'stale', provider, latestBar: latestIso };
    }
    return {
      outcome: 'notClosedYet',
      provider,
      latestBar: latestIso,
      expected: new Date(lastClosedOpen).toISOString(),
    };
  }

  private async persist(runs: SliceRuns, outcomes: AlertOutcome[], rerun: number[]): Promise<void> {
    const { jobs, entries, steps, revs } = runs;
    const writes = new JobStateWrites();
    const changed: number[] = [];
    for (let i = 0; i < jobs.length; i++) {
      const step = steps[i];
      outcomes[runs.at[i]] = step.outcome;
      if (!step.changed) continue;
      changed.push(i);
      writes.add(jobs[i].id, revs[i], step.cursor, step.state);
    }
    if (changed.length === 0) return;
    const now = this.dbClock.date();
    // Only the alerts whose guarded write won leave events, notifications and a finished job.
    const effectsOf = (lost: ReadonlySet<string>): PassEffects => {
      const won = lost.size === 0 ? changed : changed.filter((i) => !lost.has(jobs[i].id));
      const finished: PassEffects['finished'] = [];
      const paused: FloodPause[] = [];
      const events: StoredAlertEvent[] = [];
      const inputs: NotificationInput[] = [];
      for (const i of won) {
        const { out, provider } = steps[i];
        if (out.events.length === 0 && out.triggers.length === 0) continue;
        const job = jobs[i];
        const status = out.state.status;
        if (status === 'done' || status === 'expired') finished.push({ jobId: job.id, status });
        for (const e of out.events)
          events.push({
            jobId: job.id,
            at: now,
            barTime: new Date(e.barTime),
            type: e.type,
            from: e.from,
            to: e.to,
            values: e.values,
            reason: e.reason,
            error: e.error,
          });
        for (const t of out.triggers) inputs.push(notification(job, entries[i].config, provider, t.bar, t.values, now));
        // Rare (a flood): only alerts that paused pay for the pause's writes and its notification.
        if (out.paused) paused.push(floodPause(job, entries[i].config, provider, out.paused, now, inputs));
      }
      return { finished, paused, events, notifications: inputs };
    };
    let committed: { lost: Set<string>; notified: number };
    try {
      committed = await this.writes.commitChanges(writes, effectsOf, now);
    } catch (err) {
      for (const i of changed) this.memo.forget(jobs[i].id);
      throw err;
    }
    const { lost, notified } = committed;
    this.settle(runs, changed, lost, outcomes, rerun);
    if (notified > 0) {
      this.metrics.jobCounters.inc({ type: 'alert', counter: 'notified' }, notified);
      this.dispatcher.kick();
    }
  }

  /**
   * Alerts whose bar moved only their cursor: one guarded statement for all of them, after the
   * slice's notifications are in the outbox (bookkeeping should not delay what users wait for).
   * Nothing else is written for them, so each alert's write is still whole.
   */
  private async advance(runs: SliceRuns, outcomes: AlertOutcome[], rerun: number[]): Promise<void> {
    if (runs.jobs.length === 0) return;
    const writes = new JobStateWrites();
    const all: number[] = [];
    for (let i = 0; i < runs.jobs.length; i++) {
      outcomes[runs.at[i]] = runs.steps[i].outcome;
      writes.add(runs.jobs[i].id, runs.revs[i], runs.steps[i].cursor);
      all.push(i);
    }
    let lost: Set<string>;
    try {
      lost = await this.writes.advanceCursors(writes);
    } catch (err) {
      for (const job of runs.jobs) this.memo.forget(job.id);
      throw err;
    }
    this.settle(runs, all, lost, outcomes, rerun);
  }

  /** After a write committed: the memo takes the winners' new state; a loser is read again (and rerun if its state was memoised) or lost its race. */
  private settle(
    runs: SliceRuns,
    written: number[],
    lost: Set<string>,
    outcomes: AlertOutcome[],
    rerun: number[],
  ): void {
    for (const i of written) {
      const job = runs.jobs[i];
      if (!lost.has(job.id)) {
        runs.entries[i].state = runs.steps[i].out.state;
        runs.entries[i].rev = (runs.revs[i] ?? 0) + 1;
        runs.entries[i].storedCursor = runs.steps[i].cursor;
        continue;
      }
      this.memo.forget(job.id);
      if (runs.cached[i]) rerun.push(runs.at[i]);
      else outcomes[runs.at[i]] = { outcome: 'lostRace' };
    }
  }

  private groupJobs(jobs: JobEntity[], at: number[]): Group[] {
    const groups = new Map<string, Group>();
    for (let i = 0; i < jobs.length; i++) {
      const entry = this.memo.entry(jobs[i]);
      let group = groups.get(entry.groupKey);
      if (group === undefined) {
        group = { key: entry.groupKey, config: entry.config, jobs: [], at: [], entries: [] };
        groups.set(entry.groupKey, group);
      }
      group.jobs.push(jobs[i]);
      group.at.push(at[i]);
      group.entries.push(entry);
    }
    return [...groups.values()];
  }
}
