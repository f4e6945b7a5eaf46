import type { AlertConfigInput, IndicatorSpecFn } from './alert-config.js';
import { normalizeAlertConfig, validateAlertConfig } from './validate-alert-config.js';
import { fakeIndicatorSpec } from '../../../test/support/fake-indicators.js';

const sma14 = { indicator: 'sma', params: { period: 14 } };
const base = (): Record<string, unknown> => ({
  symbol: 'BTCUSDT',
  provider: 'binance',
  timeframe: '15m',
  rule: { crossesBelow: [sma14, { value: 30 }] },
  trigger: 'oncePerBarClose',
  rearm: { when: { gt: [sma14, { value: 45 }] }, cooldownSeconds: 3600 },
  persistenceBars: 1,
  expiresAt: null,
  maxTriggers: null,
  lookbackBars: 300,
  notify: { channels: ['telegram'], recipient: 'chat-42', priority: 'high', message: '{{symbol}} crossed' },
});

const check = (patch: Record<string, unknown>) => validateAlertConfig({ ...base(), ...patch }, fakeIndicatorSpec);

/** n nested `not`s around a comparison: rule depth n + 1. */
function nestedNot(n: number): unknown {
  let rule: unknown = { gt: [{ field: 'close' }, { value: 1 }] };
  for (let i = 0; i < n; i++) rule = { not: rule };
  return rule;
}

describe('validateAlertConfig', () => {
  it('accepts the CONTRACT §4 example (with sma for rsi) and a minimal config', () => {
    expect(validateAlertConfig(base(), fakeIndicatorSpec)).toEqual([]);
    expect(
      validateAlertConfig(
        { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] } },
        fakeIndicatorSpec,
      ),
    ).toEqual([]);
  });

  it('names the full path of an indicator problem, prefixing the indicator library text', () => {
    const rule = {
      and: [
        { gt: [{ field: 'close' }, { value: 1 }] },
        { crossesBelow: [{ indicator: 'sma', params: { period: 0 } }, { value: 30 }] },
      ],
    };
    expect(check({ rule })).toEqual(['alert.rule.and[1].crossesBelow[0].params.period must be a positive integer']);
    const multi = { gt: [{ indicator: 'donchian', params: { period: 3 }, output: 'middle' }, { value: 1 }] };
    expect(check({ rule: multi })).toEqual(['alert.rule.gt[0].output must be one of upper, lower']);
  });

  it('reports required fields and rejects unknown fields at every level', () => {
    expect(validateAlertConfig({ extra: 1 }, fakeIndicatorSpec)).toEqual([
      'alert.extra is not allowed',
      'alert.symbol is required',
      'alert.timeframe is required',
      'alert.rule is required',
    ]);
    expect(
      check({
        rule: { gt: [{ field: 'close', colour: 'red' }, { value: 1 }], bars: 2 },
        rearm: { when: undefined, after: 1 },
        notify: { channels: ['x'], cc: 'y' },
      }),
    ).toEqual([
      'alert.rule.bars is not allowed',
      'alert.rule.gt[0].colour is not allowed',
      'alert.rearm.after is not allowed',
      'alert.notify.cc is not allowed',
    ]);
    expect(validateAlertConfig([], fakeIndicatorSpec)).toEqual(['alert must be an object']);
  });

  it('places bare param names and free-form indicator problems under the operand path', () => {
    const spec: IndicatorSpecFn = (_name, params) => ({
      key: 'rsi_x',
      warmup: 0,
      problems: [
        ...('period' in params ? ['period must be an integer 1…1000'] : []),
        'unknown param "len" for rsi (expected period)',
      ],
    });
    const rule = { gt: [{ indicator: 'rsi', params: { period: 0.5, len: 3 } }, { value: 1 }] };
    expect(validateAlertConfig({ symbol: 'A', timeframe: '1d', rule }, spec)).toEqual([
      'alert.rule.gt[0].params.period must be an integer 1…1000',
      'alert.rule.gt[0]: unknown param "len" for rsi (expected period)',
    ]);
  });

  it('checks the operator and arity of every node', () => {
    expect(check({ rule: { gt: [{ field: 'close' }] } })).toEqual([
      'alert.rule.gt must be an array of exactly 2 operands [a, b]',
    ]);
    expect(check({ rule: { or: [{ between: [{ field: 'close' }, { value: 1 }] }] } })).toEqual([
      'alert.rule.or[0].between must be an array of exactly 3 operands [x, lower, upper]',
    ]);
    expect(check({ rule: { and: [] } })).toEqual(['alert.rule.and must be a non-empty array of rules']);
    expect(check({ rule: { gt: [{ field: 'close' }, { value: 1 }], lt: [{ field: 'close' }, { value: 2 }] } })).toEqual(
      ['alert.rule must have exactly one operator, found gt, lt'],
    );
    expect(check({ rule: { above: [] } })[0]).toMatch(/^alert\.rule must have one operator: and, or, not, gt/);
    expect(check({ rule: { not: [{ gt: [{ field: 'close' }, { value: 1 }] }] } })).toEqual([
      'alert.rule.not must be a rule object with one operator',
    ]);
  });

  it('checks operands: one kind, finite values, known fields, barsAgo', () => {
    const rule = {
      and: [
        { gt: [{ value: 1, field: 'close' }, { value: Number.POSITIVE_INFINITY }] },
        { lt: [{ field: 'vwap' }, { value: Number.NaN }] },
        {
          eq: [
            { field: 'close', barsAgo: -1 },
            { indicator: 'sma', params: { period: 2 }, barsAgo: 1.5 },
          ],
        },
        { gt: [{}, 3] },
      ],
    };
    expect(check({ rule })).toEqual([
      'alert.rule.and[0].gt[0] must have exactly one of value, field or indicator',
      'alert.rule.and[0].gt[1].value must be a finite number',
      'alert.rule.and[1].lt[0].field must be one of open, high, low, close, volume, hl2, hlc3, ohlc4',
      'alert.rule.and[1].lt[1].value must be a finite number',
      'alert.rule.and[2].eq[0].barsAgo must be a non-negative integer',
      'alert.rule.and[2].eq[1].barsAgo must be a non-negative integer',
      'alert.rule.and[3].gt[0] must have exactly one of value, field or indicator',
      'alert.rule.and[3].gt[1] must be an operand: {value}, {field} or {indicator}',
    ]);
  });

  it('checks moves bars, param values, constant channels and amounts', () => {
    const close = { field: 'close' };
    expect(check({ rule: { movesUp: [close, { value: 5 }], bars: 0 } })).toEqual([
      'alert.rule.bars must be an integer from 1 to 5000',
    ]);
    expect(check({ rule: { movesDownPct: [close, { value: -1 }] } })).toEqual([
      'alert.rule.movesDownPct[1].value must not be negative',
    ]);
    expect(check({ rule: { between: [close, { value: 20 }, { value: 10 }] } })).toEqual([
      'alert.rule.between[1] (lower) must not be greater than alert.rule.between[2] (upper)',
    ]);
    expect(check({ rule: { gt: [{ indicator: 'sma', params: { period: [14] } }, { value: 1 }] } })).toEqual([
      'alert.rule.gt[0].params.period must be a finite number, a string or a boolean',
    ]);
  });

  it('allows rule depth 32 and reports depth 33 once, at the node that is too deep', () => {
    expect(check({ rule: nestedNot(31) })).toEqual([]);
    expect(check({ rule: nestedNot(32) })).toEqual([
      `alert.rule${'.not'.repeat(32)} is nested too deeply: rule depth must be at most 32`,
    ]);
    expect(check({ rule: nestedNot(10_000) })).toHaveLength(1);
  });

  it('allows 256 nodes counting rule nodes and operands, and reports 257 once', () => {
    const leaf = { gt: [{ field: 'close' }, { value: 1 }] }; // 3 nodes
    expect(check({ rule: { and: Array(85).fill(leaf) } })).toEqual([]); // 1 + 85 × 3 = 256
    expect(check({ rule: { and: [...Array(85).fill(leaf), { not: leaf }] } })).toEqual([
      'alert.rule must have at most 256 nodes (rule nodes and operands)',
    ]);
    expect(check({ rearm: { when: { or: Array(86).fill(leaf) } } })).toEqual([
      'alert.rearm.when must have at most 256 nodes (rule nodes and operands)',
    ]);
  });

  it('checks trigger, persistence, cooldown, lookback, maxTriggers, expiresAt', () => {
    expect(
      check({
        trigger: 'always',
        persistenceBars: 0,
        rearm: { cooldownSeconds: -1 },
        lookbackBars: 5001,
        maxTriggers: 0,
        expiresAt: '2026-13-01',
      }),
    ).toEqual([
      'alert.rearm.cooldownSeconds must be a non-negative integer (seconds)',
      'alert.trigger must be one of oncePerBarClose, oncePerBar, once',
      'alert.persistenceBars must be a positive integer',
      'alert.expiresAt must be an ISO-8601 date-time (e.g. 2026-01-05T14:00:00.000Z) or null',
      'alert.maxTriggers must be a positive integer or null',
      'alert.lookbackBars must be an integer from 1 to 5000',
    ]);
    expect(check({ persistenceBars: 1.5, lookbackBars: 0, rearm: { cooldownSeconds: 0 } })).toEqual([
      'alert.persistenceBars must be a positive integer',
      'alert.lookbackBars must be an integer from 1 to 5000',
    ]);
    expect(check({ lookbackBars: 5000, maxTriggers: 3, expiresAt: '2026-02-01T00:00:00Z' })).toEqual([]);
  });

  it('needs a lookback long enough for every operand to have a value', () => {
    const rule = { crossesAbove: [{ indicator: 'sma', params: { period: 300 } }, { value: 1 }] };
    expect(check({ rule, lookbackBars: 300 })).toEqual([
      'alert.lookbackBars must be at least 301: alert.rule.crossesAbove[0] needs 301 bars to have a value',
    ]);
    expect(check({ rule, lookbackBars: 301 })).toEqual([]);
  });

  it('checks the market and notify fields', () => {
    expect(
      check({
        symbol: '',
        provider: 'nasdaq',
        timeframe: '10m',
        notify: { channels: [], priority: 'urgent', message: 'x'.repeat(4001), recipient: 7 },
      }),
    ).toEqual([
      'alert.symbol must be a non-empty string of at most 64 characters',
      'alert.provider must be one of binance, yahoo, finnhub, polygon, alphavantage, csv',
      'alert.timeframe must be one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 1w',
      'alert.notify.channels must be a non-empty array of channel names',
      'alert.notify.recipient must be a non-empty string of at most 200 characters',
      'alert.notify.priority must be one of low, normal, high',
      'alert.notify.message must be a string of at most 4000 characters',
    ]);
    expect(check({ notify: { channels: ['a', ''], message: 'x'.repeat(4000) } })).toEqual([
      'alert.notify.channels[1] must be a non-empty string of at most 100 characters',
    ]);
  });

  it('takes notify.digestSeconds from 10 s to a day, and keeps it when normalizing', () => {
    for (const digestSeconds of [10, 60, 86_400])
      expect(check({ notify: { channels: ['a'], digestSeconds } })).toEqual([]);
    for (const digestSeconds of [0, 9, 86_401, 1.5, '60', null])
      expect(check({ notify: { channels: ['a'], digestSeconds } })).toEqual([
        'alert.notify.digestSeconds must be an integer from 10 to 86400 (seconds a notification may wait to be folded into a digest)',
      ]);
    const config = normalizeAlertConfig({
      ...base(),
      notify: { channels: ['a'], digestSeconds: 60 },
    } as AlertConfigInput);
    expect(config.notify).toEqual({ channels: ['a'], priority: 'normal', digestSeconds: 60 });
  });

  it('uses the given path and turns a throwing indicator library into a problem', () => {
    const throwing: IndicatorSpecFn = () => {
      throw new Error('unknown indicator "foo"');
    };
    expect(validateAlertConfig({ ...base(), rearm: undefined }, throwing, 'jobs[3].alert')).toEqual([
      'jobs[3].alert.rule.crossesBelow[0].indicator is invalid: unknown indicator "foo"',
    ]);
  });
});

describe('normalizeAlertConfig', () => {
  it('fills every default and keeps what was given', () => {
    const input: AlertConfigInput = {
      symbol: 'AAPL',
      timeframe: '1d',
      rule: { gt: [{ field: 'close' }, { value: 1 }] },
    };
    expect(normalizeAlertConfig(input)).toEqual({
      symbol: 'AAPL',
      timeframe: '1d',
      rule: input.rule,
      trigger: 'oncePerBarClose',
      rearm: { cooldownSeconds: 0 },
      persistenceBars: 1,
      expiresAt: null,
      maxTriggers: null,
      lookbackBars: 300,
      notify: { channels: [], priority: 'normal' },
      floodGuard: { maxTriggers: 15, perSeconds: 180 },
    });
    const full = base() as unknown as AlertConfigInput;
    expect(normalizeAlertConfig(full)).toEqual({ ...full, floodGuard: { maxTriggers: 15, perSeconds: 180 } });
  });
});
