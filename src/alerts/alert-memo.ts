import type { JobEntity } from '../jobs/job.entity.js';
import type { StoredJobState } from '../jobs/job-states.repository.js';
import { initialAlertState, type AlertConfig, type AlertState, type Rule } from './core/index.js';

/**
 * What a pass needs of one alert, derived once per job version instead of once per bar: its config
 * with the rule objects interned (alerts with identical rules share one object, so an evaluation
 * context evaluates that rule once per bar for all of them), its group key, and the state this
 * replica last read or wrote with its revision.
 */
export interface MemoEntry {
  readonly version: number;
  readonly config: AlertConfig;
  /** (provider, symbol, timeframe, lookback, forming bar): alerts with one key share bars and indicators. */
  readonly groupKey: string;
  /** The state as this replica last saw it in `job_states`, or undefined when it must be read. */
  state: AlertState | undefined;
  /** That state's revision: null when the job had no `job_states` row. */
  rev: number | null;
}

/** Beyond this many entries a memo starts again (it only saves work; everything in it can be rebuilt). */
const MAX_ENTRIES = 1_000_000;

/**
 * The engine's per-replica memo of alerts. The state in it is a cache that can be wrong (another
 * replica or an edit moved the state on): every write is still guarded by the revision it was
 * computed from, a write from a wrong cache loses, and the engine reads that alert afresh and runs
 * it again. So the cache saves reading 100,000 state rows per bar without weakening exactly-once.
 */
export class AlertMemo {
  private readonly entries = new Map<string, MemoEntry>();
  private readonly rules = new Map<string, Rule>();

  entry(job: JobEntity): MemoEntry {
    const known = this.entries.get(job.id);
    if (known !== undefined && known.version === job.version) return known;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    if (this.rules.size >= MAX_ENTRIES) this.rules.clear();
    const raw = job.config as unknown as AlertConfig;
    const config: AlertConfig = {
      ...raw,
      rule: this.intern(raw.rule),
      rearm: raw.rearm.when ? { ...raw.rearm, when: this.intern(raw.rearm.when) } : raw.rearm,
    };
    const groupKey = `${raw.provider ?? '*'}|${raw.symbol}|${raw.timeframe}|${raw.lookbackBars}|${raw.trigger === 'oncePerBar'}`;
    const entry: MemoEntry = { version: job.version, config, groupKey, state: undefined, rev: null };
    this.entries.set(job.id, entry);
    return entry;
  }

  /** Records what `job_states` holds for the job (a read, or a write that committed). */
  remember(entry: MemoEntry, job: JobEntity, row: StoredJobState | undefined): void {
    entry.state = stateOf(job, row);
    entry.rev = row?.rev ?? null;
  }

  /** The cached state lost a guarded write or its transaction failed: read it again next time. */
  forget(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (entry) entry.state = undefined;
  }

  private intern(rule: Rule): Rule {
    // Stored configs come from jsonb, whose key order is canonical, so equal rules stringify equally.
    const key = JSON.stringify(rule);
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
  };
}
