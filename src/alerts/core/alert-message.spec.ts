import type { Rule } from './alert-config.js';
import { buildMessageView, describeRule, formatNumber, renderDefaultMessage } from './alert-message.js';
import { fakeIndicatorSpec } from '../../../test/support/fake-indicators.js';

const bar = {
  openTime: Date.parse('2026-01-05T14:00:00Z'),
  closeTime: Date.parse('2026-01-05T14:14:59.999Z'),
  open: 27200,
  high: 27250,
  low: 27100,
  close: 27123.5,
  volume: 12.5,
};

describe('alert messages', () => {
  it('builds the template view with ISO bar times, as in the notify payload', () => {
    const view = buildMessageView({
      jobName: 'btc-sma',
      config: { symbol: 'BTCUSDT', timeframe: '15m' },
      provider: 'binance',
      bar,
      values: { sma_14: 28.7 },
    });
    expect(view).toEqual({
      symbol: 'BTCUSDT',
      timeframe: '15m',
      provider: 'binance',
      jobName: 'btc-sma',
      values: { sma_14: 28.7 },
      bar: {
        openTime: '2026-01-05T14:00:00.000Z',
        closeTime: '2026-01-05T14:14:59.999Z',
        open: 27200,
        high: 27250,
        low: 27100,
        close: 27123.5,
        volume: 12.5,
      },
    });
  });

  it('renders a readable default text naming the rule, the close and the values', () => {
    const view = buildMessageView({
      jobName: 'j',
      config: { symbol: 'BTCUSDT', timeframe: '15m', provider: 'binance' },
      bar,
      values: { sma_14: 28.712345678 },
    });
    const rule: Rule = { crossesBelow: [{ indicator: 'sma', params: { period: 14 } }, { value: 30 }] };
    expect(renderDefaultMessage(view, rule, fakeIndicatorSpec)).toBe(
      'BTCUSDT 15m: crossesBelow(sma_14, 30) at close 27123.5 (sma_14=28.712346)',
    );
  });

  it('describes nested rules with keys, barsAgo and move bars', () => {
    const rule: Rule = {
      and: [
        { not: { gt: [{ field: 'close', barsAgo: 2 }, { value: 1.5 }] } },
        {
          or: [
            { movesUpPct: [{ field: 'close' }, { value: 3 }], bars: 4 },
            { movesDown: [{ field: 'low' }, { value: 2 }], bars: 1 },
          ],
        },
      ],
    };
    expect(describeRule(rule, fakeIndicatorSpec)).toBe(
      'and(not(gt(close_ago2, 1.5)), or(movesUpPct(close, 3, bars=4), movesDown(low, 2)))',
    );
  });

  it('formats numbers without float noise and null as n/a', () => {
    expect([formatNumber(null), formatNumber(3), formatNumber(0.1 + 0.2), formatNumber(0.000012345678)]).toEqual([
      'n/a',
      '3',
      '0.3',
      '0.000012345678',
    ]);
  });
});
