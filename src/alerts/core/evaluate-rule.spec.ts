import { jest } from '@jest/globals';
import type { Bar } from '../../base/domain/bar.js';
import type { Rule, SeriesFn } from './alert-config.js';
import { createEvalContext } from './eval-context.js';
import { evaluateRule, evaluateRuleLazily, evaluateRuleShared } from './evaluate-rule.js';
import { barsFromCloses, fakeIndicatorSpec, fakeSeries, withGaps } from '../../../test/support/fake-indicators.js';

const close = { field: 'close' } as const;
const v = (value: number) => ({ value });
const sma = (period: number, barsAgo?: number) => ({
  indicator: 'sma',
  params: { period },
  ...(barsAgo ? { barsAgo } : {}),
});

function ctxOf(bars: Bar[], seriesFn: SeriesFn = fakeSeries) {
  return createEvalContext({ bars, timeframe: '15m', seriesFn, indicatorSpec: fakeIndicatorSpec });
}

/** Evaluates at the last bar of `closes` (or at `t`). */
function at(rule: Rule, closes: number[], t = closes.length - 1): boolean {
  return evaluateRule(rule, ctxOf(barsFromCloses(closes)), t).result;
}

describe('comparisons', () => {
  it.each([
    ['gt', 20, false],
    ['gte', 20, true],
    ['lt', 20, false],
    ['lte', 20, true],
    ['eq', 20, true],
    ['ne', 20, false],
    ['gt', 19, true],
    ['gte', 21, false],
    ['lt', 21, true],
    ['lte', 19, false],
    ['eq', 19, false],
    ['ne', 19, true],
  ] as const)('%s(close=20, %d) is %s', (op, level, expected) => {
    expect(at({ [op]: [close, v(level)] } as Rule, [10, 20])).toBe(expected);
  });

  it('eq/ne are exact IEEE equality: 0.1 + 0.2 is not 0.3', () => {
    expect(at({ eq: [close, v(0.3)] }, [0.1 + 0.2])).toBe(false);
    expect(at({ ne: [close, v(0.3)] }, [0.1 + 0.2])).toBe(true);
    expect(at({ eq: [close, v(0.30000000000000004)] }, [0.1 + 0.2])).toBe(true);
  });

  it('an operand in warm-up makes the comparison false, both ways, never an error', () => {
    expect(at({ gt: [sma(3), v(0)] }, [1, 2])).toBe(false);
    expect(at({ lte: [sma(3), v(0)] }, [1, 2])).toBe(false);
    expect(at({ ne: [sma(3), v(0)] }, [1, 2])).toBe(false);
    expect(at({ gt: [sma(3), v(0)] }, [1, 2, 3])).toBe(true);
  });

  it('reads derived price fields', () => {
    const bars: Bar[] = [{ openTime: 0, closeTime: 899_999, open: 1, high: 4, low: 2, close: 3, volume: 7 }];
    const ctx = ctxOf(bars);
    const rule: Rule = {
      and: [
        { eq: [{ field: 'hl2' }, v(3)] },
        { eq: [{ field: 'hlc3' }, v(3)] },
        { eq: [{ field: 'ohlc4' }, v(2.5)] },
        { eq: [{ field: 'volume' }, v(7)] },
      ],
    };
    expect(evaluateRule(rule, ctx, 0)).toEqual({ result: true, values: { hl2: 3, hlc3: 3, ohlc4: 2.5, volume: 7 } });
  });
});

describe('crossings (§4a: equality at t-1 counts, at t does not)', () => {
  it.each([
    // [close t-1, close t, crossesAbove 10, crossesBelow 10]
    [9, 11, true, false],
    [10, 11, true, false],
    [9, 10, false, false],
    [10, 10, false, false],
    [11, 9, false, true],
    [10, 9, false, true],
    [11, 10, false, false],
    [11, 12, false, false],
  ])('close %d → %d against 10: above %s, below %s', (prev, now, above, below) => {
    expect(at({ crossesAbove: [close, v(10)] }, [prev, now])).toBe(above);
    expect(at({ crossesBelow: [close, v(10)] }, [prev, now])).toBe(below);
    expect(at({ crosses: [close, v(10)] }, [prev, now])).toBe(above || below);
  });

  it('crosses two series (close vs its sma) and is false while either is in warm-up', () => {
    const closes = [10, 10, 10, 7, 13];
    expect(at({ crossesAbove: [close, sma(3)] }, closes, 3)).toBe(false);
    expect(at({ crossesAbove: [close, sma(3)] }, closes, 4)).toBe(true);
    expect(at({ crossesAbove: [close, sma(5)] }, closes, 4)).toBe(false); // sma_5 is null at t-1
  });

  it('is false at the first bar, which has no t-1', () => {
    expect(at({ crossesAbove: [close, v(10)] }, [11], 0)).toBe(false);
  });

  it('is false across a gap: a missing bar between t-1 and t', () => {
    const gapped = withGaps(barsFromCloses([9, 9, 11]), 1);
    expect(evaluateRule({ crossesAbove: [close, v(10)] }, ctxOf(gapped), 1).result).toBe(false);
    const contiguous = barsFromCloses([9, 11]);
    expect(evaluateRule({ crossesAbove: [close, v(10)] }, ctxOf(contiguous), 1).result).toBe(true);
  });

  it('an out-of-range bar index is false, not an error', () => {
    expect(at({ gt: [close, v(0)] }, [1], 5)).toBe(false);
    expect(at({ gt: [close, v(0)] }, [1], -1)).toBe(false);
  });
});

describe('channels (inclusive bounds)', () => {
  const ch = (op: string) => ({ [op]: [close, v(10), v(20)] }) as Rule;
  it.each([
    [9.99, false, true],
    [10, true, false],
    [15, true, false],
    [20, true, false],
    [20.01, false, true],
  ])('close %d: between %s, outside %s', (x, between, outside) => {
    expect(at(ch('between'), [x])).toBe(between);
    expect(at(ch('outside'), [x])).toBe(outside);
  });

  it.each([
    [9, 10, true, false],
    [21, 20, true, false],
    [10, 11, false, false],
    [5, 9, false, false],
    [20, 21, false, true],
    [10, 9.5, false, true],
    [20, 20, false, false],
    [21, 22, false, false],
  ])('close %d → %d: entersChannel %s, exitsChannel %s', (prev, now, enters, exits) => {
    expect(at(ch('entersChannel'), [prev, now])).toBe(enters);
    expect(at(ch('exitsChannel'), [prev, now])).toBe(exits);
  });

  it('entering needs t-1: false at the first bar and across a gap', () => {
    expect(at(ch('entersChannel'), [15], 0)).toBe(false);
    const gapped = withGaps(barsFromCloses([5, 5, 15]), 1);
    expect(evaluateRule(ch('entersChannel'), ctxOf(gapped), 1).result).toBe(false);
  });

  it('uses a two-output indicator as the channel bounds', () => {
    const upper = { indicator: 'donchian', params: { period: 2 }, output: 'upper' };
    const lower = { indicator: 'donchian', params: { period: 2 }, output: 'lower' };
    const { result, values } = evaluateRule({ between: [close, lower, upper] }, ctxOf(barsFromCloses([10, 12])), 1);
    expect(result).toBe(true);
    expect(values).toEqual({ close: 12, donchian_2_lower: 9, donchian_2_upper: 13 });
  });
});

describe('moves', () => {
  const up = (amount: number, bars?: number) => ({ movesUp: [close, v(amount)], ...(bars ? { bars } : {}) }) as Rule;
  it('movesUp/movesDown compare x[t] - x[t-n] with the amount, inclusive', () => {
    expect(at(up(5), [100, 105])).toBe(true);
    expect(at(up(5), [100, 104.99])).toBe(false);
    expect(at({ movesDown: [close, v(5)] }, [100, 95])).toBe(true);
    expect(at({ movesDown: [close, v(5)] }, [100, 95.01])).toBe(false);
    expect(at({ movesDown: [close, v(5)] }, [100, 105])).toBe(false);
  });

  it('bars: n looks n bars back, and is false before the data or across a gap', () => {
    expect(at(up(5, 3), [100, 0, 0, 105])).toBe(true);
    expect(at(up(5, 3), [100, 200, 200, 104])).toBe(false);
    expect(at(up(5, 3), [0, 105], 1)).toBe(false);
    const gapped = withGaps(barsFromCloses([100, 100, 100, 100, 105]), 2);
    expect(evaluateRule(up(5, 3), ctxOf(gapped), 3).result).toBe(false);
  });

  it('movesUpPct/movesDownPct measure against |x[t-n]|, inclusive, exact on round numbers', () => {
    const pct = (op: string, p: number) => ({ [op]: [close, v(p)] }) as Rule;
    expect(at(pct('movesUpPct', 10), [100, 110])).toBe(true);
    expect(at(pct('movesUpPct', 10), [100, 109.99])).toBe(false);
    expect(at(pct('movesDownPct', 10), [100, 90])).toBe(true);
    expect(at(pct('movesDownPct', 10), [100, 90.01])).toBe(false);
    expect(at(pct('movesUpPct', 10), [-100, -90])).toBe(true);
    expect(at(pct('movesUpPct', 0), [0, 5])).toBe(false); // no percentage from a zero base
  });

  it('the amount may be an indicator', () => {
    expect(at({ movesUp: [close, sma(2)] }, [1, 3])).toBe(true); // 3 - 1 >= (1 + 3) / 2
  });
});

describe('logic and values', () => {
  it('and/or/not combine children; not of a warm-up node is true (its child is false)', () => {
    expect(at({ and: [{ gt: [close, v(1)] }, { lt: [close, v(3)] }] }, [2])).toBe(true);
    expect(at({ and: [{ gt: [close, v(1)] }, { lt: [close, v(2)] }] }, [2])).toBe(false);
    expect(at({ or: [{ gt: [close, v(5)] }, { lt: [close, v(3)] }] }, [2])).toBe(true);
    expect(at({ not: { gt: [sma(5), v(0)] } }, [2])).toBe(true);
  });

  it('lists every non-constant operand at t, even in branches evaluation skipped', () => {
    const rule: Rule = {
      or: [
        { gt: [close, v(0)] },
        { crossesBelow: [sma(2), { field: 'close', barsAgo: 1 }] },
        { gt: [{ indicator: 'donchian', params: { period: 2 }, output: 'upper' }, sma(2, 2)] },
      ],
    };
    const { result, values } = evaluateRule(rule, ctxOf(barsFromCloses([1, 2, 3])), 2);
    expect(result).toBe(true);
    expect(values).toEqual({ close: 3, sma_2: 2.5, close_ago1: 2, donchian_2_upper: 4, sma_2_ago2: null });
  });

  it('barsAgo shifts the operand, is null before the data, and barsAgo 0 keeps the plain key', () => {
    const rising = { gt: [close, { field: 'close', barsAgo: 1 }] } as Rule;
    expect(at(rising, [1, 2])).toBe(true);
    expect(at(rising, [2], 0)).toBe(false);
    expect(evaluateRule({ gt: [{ field: 'close', barsAgo: 0 }, v(0)] }, ctxOf(barsFromCloses([1])), 0).values).toEqual({
      close: 1,
    });
  });

  it('computes each distinct series once per context, whatever the bars, nodes and barsAgo', () => {
    const seriesFn = jest.fn(fakeSeries);
    const ctx = ctxOf(barsFromCloses([1, 2, 3, 4, 5, 6]), seriesFn);
    const rule: Rule = {
      and: [
        { gt: [sma(2), v(0)] },
        { crossesAbove: [sma(2), sma(3)] },
        { gt: [sma(2, 1), sma(3, 2)] },
        {
          lt: [
            { indicator: 'donchian', params: { period: 2 }, output: 'lower' },
            { indicator: 'donchian', params: { period: 2 }, output: 'upper' },
          ],
        },
      ],
    };
    for (let t = 0; t < 6; t++) evaluateRule(rule, ctx, t);
    expect(seriesFn).toHaveBeenCalledTimes(4); // sma_2, sma_3, donchian lower, donchian upper
  });

  it('evaluateRuleLazily gives the same answer, computing operand values only when they are read', () => {
    const seriesFn = jest.fn(fakeSeries);
    const ctx = ctxOf(barsFromCloses([1, 2, 3, 4, 5, 6]), seriesFn);
    const rule: Rule = { and: [{ lt: [sma(2), v(0)] }, { crossesAbove: [sma(2), sma(3)] }] };
    const lazy = evaluateRuleLazily(rule, ctx, 5);
    expect(lazy.result).toBe(false);
    expect(seriesFn).toHaveBeenCalledTimes(1); // sma_2 only: `and` stopped at its first child
    expect(lazy.values).toEqual(evaluateRule(rule, ctx, 5).values);
    expect(lazy.values).toEqual({ sma_2: 5.5, sma_3: 5 });
    expect(seriesFn).toHaveBeenCalledTimes(2);
    expect(lazy.values).toBe(lazy.values); // collected once
  });

  it('evaluateRuleShared evaluates one rule object once per bar of a context; an equal but distinct object is its own entry', () => {
    const ctx = ctxOf(barsFromCloses([1, 2, 3, 4, 5, 6]));
    const rule: Rule = { gt: [close, sma(2)] };
    const first = evaluateRuleShared(rule, ctx, 5);
    expect(evaluateRuleShared(rule, ctx, 5)).toBe(first);
    expect(first.result).toBe(true);
    const earlier = evaluateRuleShared(rule, ctx, 0);
    expect(earlier).not.toBe(first);
    expect(earlier.result).toBe(false); // sma_2 has no value at the first bar
    expect(evaluateRuleShared({ gt: [close, sma(2)] }, ctx, 5)).not.toBe(first);
    expect(evaluateRuleShared(rule, ctxOf(barsFromCloses([6, 5, 4, 3, 2, 1])), 5).result).toBe(false); // another window, another answer
  });
});
