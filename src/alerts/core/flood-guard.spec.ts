import { initialAlertState, stepAlert, type AlertState, type AlertStepInput } from './alert-state.js';
import { normalizeAlertConfig, validateAlertConfig } from './validate-alert-config.js';
import { fakeIndicatorSpec, T0 } from '../../../test/support/fake-indicators.js';

const TF = 1000; // 1s bars: a rule that flaps can trigger every other second
const guard = { maxTriggers: 15, perSeconds: 180 };
const cfg = (floodGuard: AlertStepInput['config']['floodGuard'] = guard): AlertStepInput['config'] => ({
  trigger: 'oncePerBarClose',
  persistenceBars: 1,
  expiresAt: null,
  maxTriggers: null,
  rearm: { cooldownSeconds: 0 },
  floodGuard,
});

/** Bar i of a rule that flaps true/false, evaluated at `now(i)`. */
function flap(n: number, config: AlertStepInput['config'], now: (i: number) => number, from = initialAlertState()) {
  let state: AlertState = from;
  const steps = [];
  for (let i = 0; i < n; i++) {
    const open = T0 + i * TF;
    const step = stepAlert(state, {
      rule: { result: i % 2 === 0, values: { close: i } },
      barOpenTime: open,
      barCloseTime: open + TF - 1,
      barClosed: true,
      nowMs: now(i),
      config,
    });
    state = step.state;
    steps.push(step);
  }
  return { steps, state };
}

describe('flood guard (CONTRACT §8)', () => {
  it('pauses a flapping alert on its 16th trigger within 180 s, with a paused event (reason flood)', () => {
    const { steps, state } = flap(40, cfg(), (i) => T0 + (i + 1) * TF + 2000);
    const triggers = steps.filter((s) => s.notify);
    expect(triggers).toHaveLength(16); // the 16th is delivered, then nothing more
    const at = steps.findIndex((s) => s.paused);
    expect(at).toBe(30);
    expect(steps[at].paused).toEqual({ reason: 'flood', triggers: 16, perSeconds: 180 });
    expect(steps[at].events.map((e) => e.type)).toEqual(['triggered', 'paused']);
    expect(steps[at].events[1]).toMatchObject({ reason: 'flood', barTime: T0 + 30 * TF, values: { close: 30 } });
    expect(state.pausedBy).toBe('flood');
    expect(state.recentTriggers).toHaveLength(16);
    expect(steps.slice(at + 1).every((s) => s.events.length === 0 && !s.notify)).toBe(true);
  });

  it('does not pause when the triggers are spread past the window, and keeps only the window', () => {
    // One trigger every 24 s: 8 inside any 180 s.
    const { steps, state } = flap(200, cfg(), (i) => T0 + i * 12_000);
    expect(steps.filter((s) => s.notify)).toHaveLength(100);
    expect(steps.some((s) => s.paused)).toBe(false);
    expect(state.pausedBy).toBeUndefined();
    expect(state.recentTriggers!.length).toBeLessThanOrEqual(8);
  });

  it('counts the time triggers happen: a catch-up pass over many bars at once floods, a null guard never does', () => {
    const catchUp = (i: number) => T0 + 3_600_000 + i; // an hour of 1s bars replayed within a second
    expect(flap(60, cfg(), catchUp).steps.filter((s) => s.notify)).toHaveLength(16);
    expect(flap(60, cfg(null), catchUp).steps.filter((s) => s.notify)).toHaveLength(30);
    expect(flap(60, cfg(null), catchUp).state.recentTriggers).toBeUndefined();
  });

  it('a smaller guard pauses sooner; a resumed state (window and pause cleared) fires again', () => {
    const small = cfg({ maxTriggers: 2, perSeconds: 3600 });
    const { steps, state } = flap(10, small, (i) => T0 + i * TF);
    expect(steps.filter((s) => s.notify)).toHaveLength(3);
    const later = (i: number, result: boolean) => ({
      rule: { result, values: {} },
      barOpenTime: T0 + i * TF,
      barCloseTime: T0 + (i + 1) * TF - 1,
      barClosed: true,
      nowMs: T0 + (i + 1) * TF,
      config: small,
    });
    expect(stepAlert(state, later(20, false)).state).toBe(state); // paused: nothing steps
    const resumed: AlertState = { ...state, recentTriggers: undefined, pausedBy: undefined };
    const rearmed = stepAlert(resumed, later(20, false));
    expect(rearmed.events.map((e) => e.type)).toEqual(['rearmed']);
    const fired = stepAlert(rearmed.state, later(21, true));
    expect(fired.notify).toBe(true);
    expect(fired.state.recentTriggers).toEqual([T0 + 22 * TF]);
  });

  it('validates floodGuard and fills its default', () => {
    const base = { symbol: 'BTCUSDT', timeframe: '1m', rule: { gt: [{ field: 'close' }, { value: 1 }] } };
    const check = (floodGuard: unknown) => validateAlertConfig({ ...base, floodGuard }, fakeIndicatorSpec);
    expect(check({ maxTriggers: 5, perSeconds: 60 })).toEqual([]);
    expect(check(null)).toEqual([]);
    expect(check({ maxTriggers: 0, perSeconds: 1.5, every: 3 })).toEqual([
      'alert.floodGuard.every is not allowed',
      'alert.floodGuard.maxTriggers must be an integer from 1 to 10000',
      'alert.floodGuard.perSeconds must be an integer from 1 to 604800 (seconds)',
    ]);
    expect(check(15)).toEqual([
      'alert.floodGuard must be an object ({"maxTriggers": 15, "perSeconds": 180}) or null (no guard)',
    ]);
    expect(normalizeAlertConfig(base as never).floodGuard).toEqual({ maxTriggers: 15, perSeconds: 180 });
    expect(normalizeAlertConfig({ ...base, floodGuard: { maxTriggers: 3 } } as never).floodGuard).toEqual({
      maxTriggers: 3,
      perSeconds: 180,
    });
    expect(normalizeAlertConfig({ ...base, floodGuard: null } as never).floodGuard).toBeNull();
  });
});
