import { indicatorOfKey, indicatorsOf, isOverlay, seconds } from '../../ui/src/chart-series.js';
import { bodyOf } from '../../ui/src/job-body.js';
import { ruleForm, ruleOf } from '../../ui/src/rule-form.js';

/** The dashboard's DOM-free logic: which indicators a chart draws, what the form can edit, what a PUT sends. */
describe('dashboard logic', () => {
  it('finds every indicator of a rule and its rearm condition once, at any depth', () => {
    const rsi = { indicator: 'rsi', params: { period: 14 } };
    expect(
      indicatorsOf({
        symbol: 'BTCUSDT',
        timeframe: '15m',
        rule: {
          and: [
            { crossesBelow: [rsi, { value: 30 }] },
            {
              not: {
                gt: [{ field: 'close' }, { indicator: 'bbands', params: { period: 20, stdDev: 2 }, output: 'upper' }],
              },
            },
          ],
        },
        rearm: { when: { gt: [rsi, { value: 45 }] } },
      }),
    ).toEqual([rsi, { indicator: 'bbands', params: { period: 20, stdDev: 2 } }]);
    expect(indicatorOfKey('macd_12_26_9_signal')).toBe('macd');
    expect([isOverlay('sma'), isOverlay('bbands'), isOverlay('rsi'), isOverlay('macd')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(seconds('2026-03-02T14:00:00.000Z')).toBe(1772460000);
  });

  it('shows a two-operand rule in the form and builds the same rule back; anything more stays JSON-only', () => {
    const rule = { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 10 } }] };
    const form = ruleForm(rule);
    expect(form).toMatchObject({ op: 'crossesAbove', left: { kind: 'field', field: 'close' } });
    expect(ruleOf(form!)).toEqual(rule);
    expect(ruleOf(ruleForm({ lt: [{ indicator: 'rsi' }, { value: 30 }] })!)).toEqual({
      lt: [{ indicator: 'rsi', params: { period: 14 } }, { value: 30 }],
    });
    for (const complex of [
      { and: [rule] },
      { crossesAbove: [{ field: 'close', barsAgo: 1 }, { value: 1 }] },
      { gt: [{ indicator: 'macd', params: { fastPeriod: 12 } }, { value: 0 }] },
      { between: [{ field: 'close' }, { value: 1 }, { value: 2 }] },
    ])
      expect(ruleForm(complex)).toBeNull();
  });

  it('takes a job view back to the body PUT accepts: the service-owned fields dropped', () => {
    const view = {
      id: 'b1f1…',
      name: 'n',
      type: 'cleanup',
      enabled: true,
      status: 'active',
      schedule: { every: 60 },
      cleanup: { runsOlderThanDays: 7 },
      retry: { maxAttempts: 3, backoffSeconds: 5 },
      timeoutSeconds: 300,
      misfire: { graceSeconds: 300, policy: 'runOnce' },
      overlap: 'skip',
      state: null,
      source: 'api',
      version: 2,
      nextRunAt: null,
      createdAt: '2026-03-02T14:00:00.000Z',
      updatedAt: '2026-03-02T14:00:00.000Z',
    };
    expect(bodyOf(view as never)).toEqual({
      name: 'n',
      type: 'cleanup',
      enabled: true,
      schedule: { every: 60 },
      cleanup: { runsOlderThanDays: 7 },
      retry: { maxAttempts: 3, backoffSeconds: 5 },
      timeoutSeconds: 300,
      misfire: { graceSeconds: 300, policy: 'runOnce' },
      overlap: 'skip',
    });
  });
});
