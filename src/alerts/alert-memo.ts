import type { JobEntity } from '../jobs/job.entity.js';
import type { StoredJobState } from '../jobs/job-states.repository.js';
import {
  floodGuardOf,
  initialAlertState,
  type AlertBehaviour,
  type AlertConfig,
  type AlertState,
  type Rule,
} from './core/index.js';

/**
 * What a pass needs of one alert, derived once per job version instead of once per bar: its config,
 * its behaviour interned (alerts that step alike share one behaviour object, whose rules are shared
 * too, so an evaluation context evaluates a rule once per bar for all of them), its group key, and
 * the state this replica last read or wrote with its revision. States are interned as well: alerts
 * with one behaviour in one state hold one state object, which lets a pass step them together.
 */
export interface MemoEntry {
  readonly version: number;
  readonly config: AlertConfig;
  readonly behaviour: AlertBehaviour;
  /** (provider, symbol, timeframe, lookback, forming bar): alerts with one key share bars and indicators. */
  readonly groupKey: string;
  /** The job's anchor (creation or resume) in ms; a new anchor comes with a new version. */
  readonly anchorMs: number;
  /** The state as this replica last saw it in `job_states`, or undefined when it must be read. */
  state: AlertState | undefined;
  /** That state's revision: null when the job had no `job_states` row. */
  rev: number | null;
  /** The cursor stored with that revision (the state's own cursor may be ahead of it: see `checkpointDue`). */
  storedCursor: number | null;
  /** Spreads checkpoints: which bar of every checkpoint period this alert writes on (from its id, so alerts spread evenly). */
  readonly phase: number;
}

/**
 * A bar on which nothing happens to an alert leaves its state as it was, and stepping a closed bar
 * again from the same state gives the same answer (crossings and levels are decided from closed
 * bars only). So such bars need not be written at once: the cursor is stored with every change,
 * and otherwise at a checkpoint at least every CHECKPOINT_MS (10 bars of 1m, 2 of 5m, every bar
 * from 10m up), each alert on its own phase so that a 1m bar close writes a tenth of them instead
 * of all. A replica that reads an older checkpoint (a restart, another replica) steps those bars
 * again, with the same result: nothing fires twice.
 */
export const CHECKPOINT_MS = 10 * 60_000;

/** Whether moving the alert's cursor (and nothing else) to `cursor` must be written now. */
export function checkpointDue(entry: MemoEntry, cursor: number, timeframeMs: number): boolean {
  if (entry.storedCursor === null) return true;
  const period = Math.max(1, Math.floor(CHECKPOINT_MS / timeframeMs));
  const phase = entry.phase % period;
  const epoch = (c: number) => Math.floor((Math.floor(c / timeframeMs) + phase) / period);
  return epoch(cursor) !== epoch(entry.storedCursor);
}

/**
 * Beyond this many entries a memo starts again (it only saves work; everything in it can be rebuilt):
 * MAX_ENTRIES bounds the per-alert entries and the interned rules and behaviours (10× the 100,000
 * alerts the service is sized for), MAX_STATES the interned distinct states (alike alerts share one).
 */
const MAX_ENTRIES = 1_000_000;
const MAX_STATES = 100_000;
/** An alert's checkpoint phase: the first 8 hex digits of its uuid, spread evenly over the alerts. */
const PHASE_HEX_DIGITS = 8;

/**
 * The engine's per-replica memo of alerts. The state in it is a cache that can be wrong (another
 * replica or an edit moved the state on): every write is still guarded by the revision it was
 * computed from, a write from a wrong cache loses, and the engine reads that alert afresh and runs
 * it again. So the cache saves reading 100,000 state rows per bar without weakening exactly-once.
 */
export class AlertMemo {
  private readonly entries = new Map<string, MemoEntry>();
  private readonly rules = new Map<string, Rule>();
  private readonly behaviours = new Map<string, AlertBehaviour>();
  private readonly states = new Map<string, AlertState>();

  entry(job: JobEntity): MemoEntry {
    const known = this.entries.get(job.id);
    if (known !== undefined && known.version === job.version) return known;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    if (this.rules.size >= MAX_ENTRIES) this.rules.clear();
    if (this.behaviours.size >= MAX_ENTRIES) this.behaviours.clear();
    const config = job.config as unknown as AlertConfig;
    const behaviour = this.behaviourOf(config);
    const groupKey = `${config.provider ?? '*'}|${config.symbol}|${config.timeframe}|${config.lookbackBars}|${config.trigger === 'oncePerBar'}`;
    const entry: MemoEntry = {
      version: job.version,
      config,
      behaviour,
      groupKey,
      anchorMs: job.anchorAt?.getTime() ?? 0,
      state: undefined,
      rev: null,
      storedCursor: null,
      phase: parseInt(job.id.slice(0, PHASE_HEX_DIGITS), 16) || 0,
    };
    this.entries.set(job.id, entry);
    return entry;
  }

  /** Records what `job_states` holds for the job (a read, or a write that committed). */
  remember(entry: MemoEntry, job: JobEntity, row: StoredJobState | undefined): void {
    entry.state = this.state(stateOf(job, row));
    entry.rev = row?.rev ?? null;
    entry.storedCursor = row?.cursor ?? null;
  }

  /** One object per distinct state (states are never mutated: every step makes a new one). */
  state(state: AlertState): AlertState {
    const key = `${state.status}|${state.triggerCount}|${state.consecutiveTrue}|${state.lastTriggeredBarOpen}|${state.lastTriggeredCloseTime}|${state.lastEvaluatedBarOpen}|${state.recentTriggers}|${state.pausedBy}|${state.seriesError}`;
    const known = this.states.get(key);
    if (known !== undefined) return known;
    // Cursors move every bar: old states are dropped wholesale now and then (held states stay valid, just unshared).
    if (this.states.size >= MAX_STATES) this.states.clear();
    this.states.set(key, state);
    return state;
  }

  /** The cached state lost a guarded write or its transaction failed: read it again next time. */
  forget(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (entry) entry.state = undefined;
  }

  private behaviourOf(config: AlertConfig): AlertBehaviour {
    const { timeframe, trigger, persistenceBars, expiresAt, maxTriggers } = config;
    const floodGuard = floodGuardOf(config);
    // Stored configs come from jsonb, whose key order is canonical, so equal rules stringify equally.
    const ruleKey = JSON.stringify(config.rule);
    const whenKey = config.rearm.when ? JSON.stringify(config.rearm.when) : '';
    // Each rule stringified once (it is most of the key); the length prefix keeps the two apart.
    const key = `${JSON.stringify([timeframe, trigger, persistenceBars, expiresAt, maxTriggers, config.rearm.cooldownSeconds, floodGuard])}${ruleKey.length}:${ruleKey}${whenKey}`;
    const known = this.behaviours.get(key);
    if (known !== undefined) return known;
    const rearm = config.rearm.when ? { ...config.rearm, when: this.intern(config.rearm.when, whenKey) } : config.rearm;
    const behaviour: AlertBehaviour = {
      timeframe,
      trigger,
      rule: this.intern(config.rule, ruleKey),
      rearm,
      persistenceBars,
      expiresAt,
      maxTriggers,
      floodGuard,
    };
    this.behaviours.set(key, behaviour);
    return behaviour;
  }

  private intern(rule: Rule, key: string): Rule {
    const known = this.rules.get(key);
    if (known !== undefined) return known;
    this.rules.set(key, rule);
    return rule;
  }
}

/** The alert's state now: what its runs last wrote (job_states), else what it was created or edited with. */
export function stateOf(job: JobEntity, row: StoredJobState | undefined): AlertState {
  const s = (row?.state ?? job.state ?? {}) as Partial<AlertState>;
  const initial = initialAlertState();
  // One fixed shape (the hot path holds 100,000 of these); the cursor comes from job_states only.
  return {
    status: s.status ?? initial.status,
    triggerCount: s.triggerCount ?? initial.triggerCount,
    consecutiveTrue: s.consecutiveTrue ?? initial.consecutiveTrue,
    lastTriggeredBarOpen: s.lastTriggeredBarOpen,
    lastTriggeredCloseTime: s.lastTriggeredCloseTime,
    lastEvaluatedBarOpen: row?.cursor ?? undefined,
    recentTriggers: s.recentTriggers,
    pausedBy: s.pausedBy,
    seriesError: s.seriesError,
  };
}
