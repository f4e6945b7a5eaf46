/** The pieces of one AlertEngine pass: its groups, slices, shared steps, outcomes and outbox rows. */
import { barToJson, type Bar, type BarJson } from '../base/domain/bar.js';
import { renderMessage, type NotificationInput } from '../notifications/core/index.js';
import type { JobEntity } from '../jobs/job.entity.js';
import {
  buildMessageView,
  renderDefaultMessage,
  sameAlertState,
  type AlertConfig,
  type AlertRunOutput,
  type AlertState,
} from './core/index.js';
import type { MemoEntry } from './alert-memo.js';
import { indicatorSpec } from './core/indicator-adapter.js';

/** What one alert's run at a fire time came to (the run's `result`). */
export type AlertOutcome =
  | { outcome: 'evaluated'; provider: string; bars: number; evaluated: string[]; triggered: string[]; state: string }
  | { outcome: 'lostRace' }
  | { outcome: 'stale'; provider: string; latestBar: string | null }
  | { outcome: 'notClosedYet'; provider: string; latestBar: string | null; expected: string }
  /**
   * The series could not be loaded (unknown symbol, provider down, a pinned provider refusing, a
   * load timing out): only its alerts fail. `permanent`: repeating the run cannot help.
   */
  | { outcome: 'error'; provider: string | null; barTime: string; error: string; permanent: boolean };

/** Alerts that share one bar load and one indicator computation: same (provider, symbol, timeframe, lookback, forming bar). */
export interface Group {
  key: string;
  config: AlertConfig;
  jobs: JobEntity[];
  /** Where each job's outcome goes in the pass's answer. */
  at: number[];
  entries: MemoEntry[];
}

/** What stepping one bucket of alike alerts gave: shared by every alert of the bucket (read only). */
export interface Step {
  provider: string;
  out: AlertRunOutput;
  outcome: AlertOutcome;
  /** A bar was stepped or something happened: there is something to write. */
  changed: boolean;
  cursor: number | null;
  /** The new state without its cursor, or undefined when only the cursor moved. */
  state: Record<string, unknown> | undefined;
}

/** A slice's alerts, column by column: a bar close over 100,000 alerts makes no object per alert. */
export class SliceRuns {
  readonly jobs: JobEntity[] = [];
  readonly at: number[] = [];
  readonly entries: MemoEntry[] = [];
  readonly steps: Step[] = [];
  /** The revision each alert was stepped from (its memo entry may move on while the slice is written). */
  readonly revs: Array<number | null> = [];
  /** Its state came from the memo rather than a read in this pass: if it loses, read it and run again. */
  readonly cached: boolean[] = [];
}

/** What a pass came to: one outcome per job, in the order the jobs were given (no map of 100,000 ids on the hot path). */
export class PassOutcomes {
  private byId: Map<string, AlertOutcome> | undefined;

  constructor(
    readonly jobs: readonly JobEntity[],
    readonly list: readonly AlertOutcome[],
  ) {}

  /** The outcome of the job with this id (indexed on first use). */
  get(jobId: string): AlertOutcome | undefined {
    this.byId ??= new Map(this.jobs.map((job, i) => [job.id, this.list[i]]));
    return this.byId.get(jobId);
  }

  values(): IterableIterator<AlertOutcome> {
    return this.list.values();
  }
}

/** A write awaited later: this only keeps an early failure from being reported "unhandled" meanwhile. */
export function settled(write: Promise<void>): Promise<void> {
  write.catch(() => undefined);
  return write;
}

/** Waits until fewer than `limit` of `writes` are in flight (a failure is reported later, by allOrFirstError). */
export async function roomFor(writes: Array<Promise<void>>, limit: number): Promise<void> {
  if (writes.length >= limit) await writes[writes.length - limit].catch(() => undefined);
}

/** Waits for every write; then throws the first failure, if any. */
export async function allOrFirstError(writes: Array<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Consecutive groups, cut into slices of at least `size` alerts (a group is never split). */
export function slices(groups: Group[], size: number): Group[][] {
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

/** ISO strings of bar times: the alerts of a pass share a handful of bars, so each is formatted once. */
const isoOfBar = new Map<number, string>();
/**
 * Bar times whose ISO string is kept: far more than the distinct bars of one pass (a few per
 * timeframe), small enough that clearing it now and then costs nothing.
 */
const MAX_BAR_ISO = 4096;
function barIso(t: number): string {
  let iso = isoOfBar.get(t);
  if (iso === undefined) {
    if (isoOfBar.size >= MAX_BAR_ISO) isoOfBar.clear();
    iso = new Date(t).toISOString();
    isoOfBar.set(t, iso);
  }
  return iso;
}

/** The shared result of stepping one bucket: its outcome, and what to write for each of its alerts. */
export function stepOf(provider: string, before: AlertState, out: AlertRunOutput): Step {
  const { lastEvaluatedBarOpen, ...state } = out.state;
  const same = sameAlertState(before, out.state);
  return {
    provider,
    out,
    outcome: evaluatedOutcome(provider, out),
    changed: out.evaluated.length > 0 || out.triggers.length > 0 || out.events.length > 0 || !same,
    cursor: lastEvaluatedBarOpen ?? null,
    state: same ? undefined : state,
  };
}

/**
 * An alert entering a series-error episode (CONTRACT §4a `error`): its state is marked and one
 * `error` event written, at the bar that could not be evaluated. An alert already marked gets
 * no step (null): nothing to write until an evaluation clears the mark.
 */
export function errorStep(before: AlertState, outcome: AlertOutcome & { outcome: 'error' }): Step | null {
  if (before.seriesError !== undefined) return null;
  const barTime = Date.parse(outcome.barTime);
  const out: AlertRunOutput = {
    state: { ...before, seriesError: outcome.barTime },
    events: [{ type: 'error', from: before.status, to: before.status, barTime, values: {}, error: outcome.error }],
    triggers: [],
    evaluated: [],
  };
  return { ...stepOf(outcome.provider ?? '', before, out), outcome };
}

function evaluatedOutcome(provider: string, out: AlertRunOutput): AlertOutcome {
  return {
    outcome: 'evaluated',
    provider,
    bars: out.evaluated.length,
    state: out.state.status,
    evaluated: out.evaluated.map(barIso),
    triggered: out.triggers.map((t) => barIso(t.bar.openTime)),
  };
}

/** A bar's §5 JSON, made once per bar object: every alert of a window that fires on a bar shares it (read only). */
const barJson = new WeakMap<Bar, BarJson>();
function jsonOf(bar: Bar): BarJson {
  let json = barJson.get(bar);
  if (json === undefined) barJson.set(bar, (json = barToJson(bar)));
  return json;
}

/**
 * Default messages by values object: a rule's values on a bar of a window are one shared object
 * (the evaluation's), and the default message depends only on them, the rule, the symbol, the
 * timeframe and the bar's close, all fixed for that object. Alerts sharing a rule on a series
 * (most triggers at a busy bar close) share one rendering.
 */
const defaultMessages = new WeakMap<object, string>();

/** The outbox row of one trigger (CONTRACT §5), its message rendered from the alert's template or the default. */
export function notification(
  job: JobEntity,
  config: AlertConfig,
  provider: string,
  bar: Bar,
  values: Record<string, number | null>,
  now: Date,
): NotificationInput {
  const json = jsonOf(bar);
  let message: string | undefined;
  if (config.notify?.message) {
    message = renderMessage(
      config.notify.message,
      buildMessageView({ jobName: job.name, config, provider, bar: json, values }),
    );
  } else {
    message = defaultMessages.get(values);
    if (message === undefined) {
      message = renderDefaultMessage(
        buildMessageView({ jobName: job.name, config, provider, bar: json, values }),
        config.rule,
        indicatorSpec,
      );
      defaultMessages.set(values, message);
    }
  }
  const input: NotificationInput = {
    jobId: job.id,
    jobName: job.name,
    symbol: config.symbol,
    timeframe: config.timeframe,
    provider,
    bar: json,
    values,
    message,
    channels: config.notify?.channels ?? [],
    recipient: config.notify?.recipient ?? null,
    priority: config.notify?.priority ?? null,
    triggeredAt: now.toISOString(),
  };
  if (config.notify?.digestSeconds) input.digestSeconds = config.notify.digestSeconds;
  return input;
}

/** An alert its flood guard paused: the job's pause (reason and note) for JobsRepository.pauseMany. */
export interface FloodPause {
  jobId: string;
  reason: 'flood';
  note: string;
}

/**
 * The pause of an alert whose flood guard tripped (CONTRACT §8): adds its one `alert.paused`
 * notification (keyed by the bar it paused on) to `inputs`, and answers the job's pause.
 */
export function floodPause(
  job: JobEntity,
  config: AlertConfig,
  provider: string,
  paused: NonNullable<AlertRunOutput['paused']>,
  now: Date,
  inputs: NotificationInput[],
): FloodPause {
  const note =
    `flood: ${paused.triggers} triggers within ${paused.perSeconds} s ` +
    `(floodGuard allows ${paused.triggers - 1}); resume with POST /jobs/${job.id}/resume`;
  inputs.push({
    ...notification(job, config, provider, paused.bar, paused.values, now),
    type: 'alert.paused',
    message: `${job.name} paused: ${note}`,
    reason: 'flood',
    digestSeconds: undefined, // a pause is said at once, never folded into a digest
  });
  return { jobId: job.id, reason: 'flood', note };
}
