import { barsFromCloses } from '../../../test/support/fake-indicators.js';
import { computeBatch, toColumns } from './batch.js';
import { IndicatorWindows, windowKey } from './indicator-windows.js';

const SERIES = { provider: 'binance', symbol: 'BTCUSDT', timeframe: '1m' };
const closes = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i / 3) * 5);
const bars = barsFromCloses(closes, '1m');

describe('IndicatorWindows (the one cache of indicator values per window)', () => {
  it('computes each (indicator, resolved params) once per window and answers the batch values', () => {
    const windows = new IndicatorWindows();
    const key = windowKey(SERIES, bars);
    const a = windows.outputs(key, bars, 'rsi', { period: 14 });
    const b = windows.outputs(key, bars, 'rsi', {}); // the default period resolves to the same group
    expect(b).toBe(a);
    expect(windows.computations).toBe(1);
    expect(Array.from(a.value)).toEqual(Array.from(computeBatch('rsi', { period: 14 }, toColumns(bars)).value));
    windows.outputs(key, bars, 'rsi', { period: 7 });
    expect(windows.computations).toBe(2);
  });

  it('keys a window by its series, its ends, its length and the last bar’s values (a forming bar moves)', () => {
    const moved = [...bars.slice(0, -1), { ...bars[bars.length - 1], close: bars[bars.length - 1].close + 1 }];
    const keys = new Set([
      windowKey(SERIES, bars),
      windowKey({ ...SERIES, symbol: 'ETHUSDT' }, bars),
      windowKey({ ...SERIES, provider: 'yahoo' }, bars),
      windowKey(SERIES, bars.slice(1)),
      windowKey(SERIES, bars.slice(0, -1)),
      windowKey(SERIES, moved),
    ]);
    expect(keys.size).toBe(6);
    expect(windowKey(SERIES, [...bars])).toBe(windowKey(SERIES, bars));
  });

  it('forgets the least recently used window first when full', () => {
    const windows = new IndicatorWindows(2);
    const [w1, w2, w3] = [bars.slice(0, 40), bars.slice(1, 41), bars.slice(2, 42)];
    const k = (w: typeof bars) => windowKey(SERIES, w);
    windows.outputs(k(w1), w1, 'sma', { period: 5 });
    windows.outputs(k(w2), w2, 'sma', { period: 5 });
    windows.outputs(k(w1), w1, 'sma', { period: 5 }); // w1 used again: w2 is now the oldest
    windows.outputs(k(w3), w3, 'sma', { period: 5 }); // evicts w2
    expect(windows.computations).toBe(3);
    windows.outputs(k(w1), w1, 'sma', { period: 5 });
    expect(windows.computations).toBe(3);
    windows.outputs(k(w2), w2, 'sma', { period: 5 });
    expect(windows.computations).toBe(4);
  });
});
