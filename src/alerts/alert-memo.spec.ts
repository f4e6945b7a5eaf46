import type { JobEntity } from '../jobs/job.entity.js';
import { AlertMemo } from './alert-memo.js';

const config = (symbol: string, period: number) => ({
  symbol, provider: 'binance', timeframe: '1m', lookbackBars: 300, trigger: 'oncePerBarClose', persistenceBars: 1,
  rule: { gt: [{ field: 'close' }, { indicator: 'sma', params: { period } }] }, rearm: { cooldownSeconds: 0 },
});
const job = (id: string, cfg: object, version = 1, state: object | null = null) =>
  ({ id, version, config: cfg, state } as unknown as JobEntity);

describe('AlertMemo', () => {
  it('gives alerts with equal rules one rule object, and groups them by (provider, symbol, timeframe, lookback, forming bar)', () => {
    const memo = new AlertMemo();
    const a = memo.entry(job('a', config('BTCUSDT', 20)));
    const b = memo.entry(job('b', config('ETHUSDT', 20)));
    const c = memo.entry(job('c', config('BTCUSDT', 50)));
    expect(b.config.rule).toBe(a.config.rule);
    expect(c.config.rule).not.toBe(a.config.rule);
    expect(b.config.symbol).toBe('ETHUSDT'); // only the rule is shared
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
    expect(entry).toMatchObject({ rev: 4, state: { status: 'triggered', triggerCount: 2, consecutiveTrue: 0, lastEvaluatedBarOpen: 1_000 } });
    expect(memo.entry(v1)).toBe(entry);
    memo.forget('a');
    expect(memo.entry(v1).state).toBeUndefined();
    memo.remember(entry, v1, { rev: 5, cursor: 2_000, state: { status: 'armed', triggerCount: 3, consecutiveTrue: 0 } });
    const v2 = memo.entry(job('a', config('BTCUSDT', 50), 2));
    expect(v2).not.toBe(entry);
    expect(v2.state).toBeUndefined();
    expect(v2.rev).toBeNull();
  });
});
