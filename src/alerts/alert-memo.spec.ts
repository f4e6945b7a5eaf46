import type { JobEntity } from '../jobs/job.entity.js';
import { AlertMemo, checkpointDue } from './alert-memo.js';

const CHECKPOINT_BARS = 10; // of 1m: CHECKPOINT_MS is 10 minutes

const config = (symbol: string, period: number) => ({
  symbol,
  provider: 'binance',
  timeframe: '1m',
  lookbackBars: 300,
  trigger: 'oncePerBarClose',
  persistenceBars: 1,
  rule: { gt: [{ field: 'close' }, { indicator: 'sma', params: { period } }] },
  rearm: { cooldownSeconds: 0 },
});
const job = (id: string, cfg: object, version = 1, state: object | null = null) =>
  ({ id, version, config: cfg, state }) as unknown as JobEntity;

describe('AlertMemo', () => {
  it('gives alerts that step alike one behaviour (and equal rules one rule object), and groups them by (provider, symbol, timeframe, lookback, forming bar)', () => {
    const memo = new AlertMemo();
    const a = memo.entry(job('a', config('BTCUSDT', 20)));
    const b = memo.entry(job('b', config('ETHUSDT', 20)));
    const c = memo.entry(job('c', config('BTCUSDT', 50)));
    const d = memo.entry(job('d', { ...config('BTCUSDT', 20), persistenceBars: 3 }));
    expect(b.behaviour).toBe(a.behaviour);
    expect(c.behaviour).not.toBe(a.behaviour);
    expect(d.behaviour).not.toBe(a.behaviour); // same rule, steps differently
    expect(d.behaviour.rule).toBe(a.behaviour.rule); // ... but evaluates the same rule object
    expect(a.behaviour).toEqual({
      timeframe: '1m',
      trigger: 'oncePerBarClose',
      rule: config('X', 20).rule,
      rearm: { cooldownSeconds: 0 },
      persistenceBars: 1,
      expiresAt: undefined,
      maxTriggers: undefined,
      floodGuard: { maxTriggers: 15, perSeconds: 180 }, // stored before the guard existed: the default
    });
    expect(b.config.symbol).toBe('ETHUSDT'); // the config stays the job's own
    expect(a.groupKey).toBe('binance|BTCUSDT|1m|300|false');
    expect(c.groupKey).toBe(a.groupKey);
    expect(b.groupKey).not.toBe(a.groupKey);
  });

  it('keeps an entry for a job version and starts again (state unknown) when the version changes', () => {
    const memo = new AlertMemo();
    const v1 = job('a', config('BTCUSDT', 20), 1, { status: 'triggered', triggerCount: 2 });
    const entry = memo.entry(v1);
    expect(entry.state).toBeUndefined();
    memo.remember(entry, v1, { rev: 4, cursor: 1_000, state: null });
    expect(entry).toMatchObject({
      rev: 4,
      state: { status: 'triggered', triggerCount: 2, consecutiveTrue: 0, lastEvaluatedBarOpen: 1_000 },
    });
    expect(memo.entry(v1)).toBe(entry);
    memo.forget('a');
    expect(memo.entry(v1).state).toBeUndefined();
    memo.remember(entry, v1, {
      rev: 5,
      cursor: 2_000,
      state: { status: 'armed', triggerCount: 3, consecutiveTrue: 0 },
    });
    const v2 = memo.entry(job('a', config('BTCUSDT', 50), 2));
    expect(v2).not.toBe(entry);
    expect(v2.state).toBeUndefined();
    expect(v2.rev).toBeNull();
  });

  it('interns states: equal states are one object, so alerts in them step together', () => {
    const memo = new AlertMemo();
    const s1 = memo.state({ status: 'armed', triggerCount: 0, consecutiveTrue: 0, lastEvaluatedBarOpen: 60_000 });
    expect(memo.state({ status: 'armed', triggerCount: 0, consecutiveTrue: 0, lastEvaluatedBarOpen: 60_000 })).toBe(s1);
    expect(
      memo.state({ status: 'armed', triggerCount: 0, consecutiveTrue: 0, lastEvaluatedBarOpen: 120_000 }),
    ).not.toBe(s1);
    expect(
      memo.state({ status: 'triggered', triggerCount: 0, consecutiveTrue: 0, lastEvaluatedBarOpen: 60_000 }),
    ).not.toBe(s1);
    const a = job('a', config('BTCUSDT', 20));
    const b = job('b', config('BTCUSDT', 20));
    const ea = memo.entry(a);
    const eb = memo.entry(b);
    memo.remember(ea, a, { rev: 1, cursor: 60_000, state: null });
    memo.remember(eb, b, { rev: 7, cursor: 60_000, state: null });
    expect(ea.state).toBe(s1);
    expect(eb.state).toBe(s1);
  });

  it('stores a quiet cursor once every CHECKPOINT_BARS bars, each alert on its own phase, so a bar writes about a tenth of them', () => {
    const memo = new AlertMemo();
    const minute = 60_000;
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    );
    const entries = ids.map((id) => memo.entry(job(id, config('BTCUSDT', 20))));
    for (const e of entries) e.storedCursor = 100 * minute;
    const writtenPerBar: number[] = [];
    for (let bar = 101; bar <= 130; bar++) {
      let n = 0;
      for (const e of entries) {
        if (!checkpointDue(e, bar * minute, minute)) continue;
        // Never more than CHECKPOINT_BARS bars behind.
        expect(bar * minute - e.storedCursor!).toBeLessThanOrEqual(CHECKPOINT_BARS * minute);
        e.storedCursor = bar * minute;
        n++;
      }
      writtenPerBar.push(n);
    }
    for (const e of entries) expect(130 * minute - e.storedCursor!).toBeLessThan(CHECKPOINT_BARS * minute);
    // Spread: every bar writes some, none writes most (1,000 alerts, phases from their ids).
    expect(Math.min(...writtenPerBar)).toBeGreaterThan(30);
    expect(Math.max(...writtenPerBar)).toBeLessThan(200);
    // A cursor never stored is due at once; so is a jump past a checkpoint (a gap, a catch-up).
    const fresh = memo.entry(job('ffffffff-0000-4000-8000-000000000000', config('BTCUSDT', 20)));
    expect(checkpointDue(fresh, 5 * minute, minute)).toBe(true);
    fresh.storedCursor = 5 * minute;
    expect(checkpointDue(fresh, (5 + CHECKPOINT_BARS) * minute, minute)).toBe(true);
  });

  it('bounds the lag in time: 5m bars are checkpointed every other bar, 15m and longer every bar', () => {
    const memo = new AlertMemo();
    const e = memo.entry(job('00000003-0000-4000-8000-000000000000', config('BTCUSDT', 20)));
    const due = (tf: number, from: number, to: number) => {
      e.storedCursor = from * tf;
      return checkpointDue(e, to * tf, tf);
    };
    const m5 = 5 * 60_000;
    const m15 = 15 * 60_000;
    // 5m: of two consecutive quiet bars exactly one is a checkpoint.
    for (let b = 100; b < 110; b++) expect(Number(due(m5, b, b + 1)) + Number(due(m5, b + 1, b + 2))).toBe(1);
    expect(due(m5, 100, 102)).toBe(true);
    for (let b = 100; b < 110; b++) expect(due(m15, b, b + 1)).toBe(true);
    expect(due(24 * 60 * 60_000, 20_000, 20_001)).toBe(true);
  });
});
