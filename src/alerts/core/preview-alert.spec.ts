import { jest } from '@jest/globals';
import type { AlertConfigInput, Rule } from './alert-config.js';
import { previewAlert } from './preview-alert.js';
import { barsFromCloses, fakeIndicatorSpec, fakeSeries, T0, withGaps } from '../../../test/support/fake-indicators.js';

const TF = 15 * 60_000;
const close = { field: 'close' } as const;
const alert = (rule: Rule, patch: Partial<AlertConfigInput> = {}): AlertConfigInput => ({
  symbol: 'BTCUSDT',
  timeframe: '15m',
  rule,
  ...patch,
});
const firedAt = (config: AlertConfigInput, closes: number[]) =>
  previewAlert(config, barsFromCloses(closes), fakeSeries, fakeIndicatorSpec).map((f) => (f.barTime - T0) / TF);

describe('previewAlert', () => {
  it('lists the bars a crossing alert fires on, with the bar and its values', () => {
    const fires = previewAlert(
      alert({ crossesBelow: [close, { value: 10 }] }),
      barsFromCloses([12, 11, 9, 8, 11, 9]),
      fakeSeries,
      fakeIndicatorSpec,
    );
    expect(fires.map((f) => [(f.barTime - T0) / TF, f.values])).toEqual([
      [2, { close: 9 }],
      [5, { close: 9 }],
    ]);
    expect(fires[0].bar).toMatchObject({ openTime: T0 + 2 * TF, close: 9 });
  });

  it('runs the state machine: a level rule fires at the first bar, then again only after it rearms', () => {
    expect(firedAt(alert({ gt: [close, { value: 10 }] }), [11, 12, 9, 11, 12])).toEqual([0, 3]);
    expect(firedAt(alert({ gt: [close, { value: 10 }] }, { persistenceBars: 2 }), [11, 12, 9, 11, 12])).toEqual([1, 4]);
    expect(firedAt(alert({ gt: [close, { value: 10 }] }, { maxTriggers: 1 }), [11, 9, 11])).toEqual([0]);
    expect(firedAt(alert({ gt: [close, { value: 10 }] }, { trigger: 'once' }), [11, 9, 11])).toEqual([0]);
    expect(
      firedAt(alert({ gt: [close, { value: 10 }] }, { rearm: { cooldownSeconds: 1800 } }), [11, 9, 9, 11]),
    ).toEqual([0, 3]);
    expect(
      firedAt(alert({ gt: [close, { value: 10 }] }, { rearm: { cooldownSeconds: 2700 } }), [11, 9, 9, 11]),
    ).toEqual([0]);
  });

  it('does not fire during indicator warm-up, nor across a gap', () => {
    const rule: Rule = { crossesAbove: [close, { indicator: 'sma', params: { period: 3 } }] };
    expect(firedAt(alert(rule), [1, 5, 5, 5, 3, 9])).toEqual([5]);
    const gapped = withGaps(barsFromCloses([9, 9, 9, 11]), 2);
    expect(
      previewAlert(alert({ crossesAbove: [close, { value: 10 }] }), gapped, fakeSeries, fakeIndicatorSpec),
    ).toEqual([]);
  });

  it('computes each series once for the whole window', () => {
    const seriesFn = jest.fn(fakeSeries);
    const sma = { indicator: 'sma', params: { period: 2 } };
    previewAlert(
      alert({ gt: [sma, close] }, { rearm: { when: { lt: [sma, close] } } }),
      barsFromCloses([1, 2, 3, 2, 1, 2, 3]),
      seriesFn,
      fakeIndicatorSpec,
    );
    expect(seriesFn).toHaveBeenCalledTimes(1);
  });
});
