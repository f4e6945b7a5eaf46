import {
  initialAlertState,
  sameAlertState,
  stepAlert,
  type AlertState,
  type AlertStep,
  type AlertStepInput,
} from './alert-state.js';
import { T0 } from '../../../test/support/fake-indicators.js';

const TF = 15 * 60_000;
type Config = AlertStepInput['config'];
const config = (patch: Partial<Config> = {}): Config => ({
  trigger: 'oncePerBarClose',
  persistenceBars: 1,
  expiresAt: null,
  maxTriggers: null,
  rearm: { cooldownSeconds: 0 },
  ...patch,
});

interface BarOpts {
  closed?: boolean;
  rearm?: boolean;
  now?: number;
  close?: number;
}

/** The input of bar i (openTime T0 + i × 15m), evaluated 2 s after its close unless `now` is given. */
function bar(i: number, result: boolean, cfg: Config, opts: BarOpts = {}): AlertStepInput {
  const barOpenTime = T0 + i * TF;
  const barCloseTime = barOpenTime + TF - 1;
  return {
    rule: { result, values: { close: opts.close ?? 100 + i } },
    ...(opts.rearm !== undefined ? { rearm: { result: opts.rearm, values: { rsi_14: 50 } } } : {}),
    barOpenTime,
    barCloseTime,
    barClosed: opts.closed ?? true,
    nowMs: opts.now ?? barCloseTime + 2001,
    config: cfg,
  };
}

/** Steps closed bars 0..n-1 with the given rule results; returns every step. */
function run(results: boolean[], cfg: Config, state: AlertState = initialAlertState()): AlertStep[] {
  return results.map((r, i) => {
    const step = stepAlert(state, bar(i, r, cfg));
    state = step.state;
    return step;
  });
}

const kinds = (steps: AlertStep[]) => steps.map((s) => s.events.map((e) => e.type).join('+') || '-');

describe('stepAlert', () => {
  it('starts armed: a level rule already true at the first bar fires, with the bar time and values', () => {
    const [step] = run([true], config());
    expect(step.notify).toBe(true);
    expect(step.events).toEqual([
      { type: 'triggered', from: 'armed', to: 'triggered', barTime: T0, values: { close: 100 } },
    ]);
    expect(step.state).toEqual({
      status: 'triggered',
      triggerCount: 1,
      consecutiveTrue: 1,
      lastTriggeredBarOpen: T0,
      lastTriggeredCloseTime: T0 + TF - 1,
      lastEvaluatedBarOpen: T0,
    });
  });

  it('rearms by default when the rule is false on a closed bar, then fires again', () => {
    const steps = run([true, true, false, true, true], config());
    expect(kinds(steps)).toEqual(['triggered', '-', 'rearmed', 'triggered', '-']);
    expect(steps.map((s) => s.notify)).toEqual([true, false, false, true, false]);
    expect(steps[2].events[0]).toMatchObject({ from: 'triggered', to: 'armed', barTime: T0 + 2 * TF });
  });

  it('needs persistenceBars consecutive true closed bars', () => {
    expect(kinds(run([true, true, false, true, true, true], config({ persistenceBars: 3 })))).toEqual([
      '-',
      '-',
      '-',
      '-',
      '-',
      'triggered',
    ]);
  });

  it('counts true bars only up to persistenceBars: a rule that stays true leaves the state as it was, bar after bar', () => {
    const steps = run(
      [true, true, true, true, true, true],
      config({ persistenceBars: 3, rearm: { when: {}, cooldownSeconds: 0 } }),
    );
    expect(steps.map((s) => s.state.consecutiveTrue)).toEqual([1, 2, 3, 3, 3, 3]);
    expect(kinds(steps)).toEqual(['-', '-', 'triggered', '-', '-', '-']);
    expect(sameAlertState(steps[3].state, steps[5].state)).toBe(true); // only the bar stepped differs
    expect(steps[5].state.lastEvaluatedBarOpen).toBe(T0 + 5 * TF);
    expect(sameAlertState(steps[1].state, steps[2].state)).toBe(false);
    // A custom rearm on a rule still true: the saturated count still fires at the next true bar (persistence already met).
    let state = steps[5].state;
    state = stepAlert(
      state,
      bar(6, true, config({ persistenceBars: 3, rearm: { when: {}, cooldownSeconds: 0 } }), { rearm: true }),
    ).state;
    expect(state.status).toBe('armed');
    expect(
      stepAlert(state, bar(7, true, config({ persistenceBars: 3, rearm: { when: {}, cooldownSeconds: 0 } }))).notify,
    ).toBe(true);
  });

  it('counts cooldownSeconds from the triggering bar close: exactly at the boundary it rearms', () => {
    // Bar k closes k × 15 min after bar 0: 3600 s have passed exactly at bar 4.
    expect(kinds(run([true, false, false, false, false], config({ rearm: { cooldownSeconds: 3600 } })))).toEqual([
      'triggered',
      '-',
      '-',
      '-',
      'rearmed',
    ]);
    expect(kinds(run([true, false, false, false, false, false], config({ rearm: { cooldownSeconds: 3601 } })))).toEqual(
      ['triggered', '-', '-', '-', '-', 'rearmed'],
    );
  });

  it('with rearm.when, rearms only when that rule is true; a bar that rearms does not also trigger', () => {
    const cfg = config({ rearm: { when: { gt: [] }, cooldownSeconds: 0 } });
    let state = initialAlertState();
    const out = [false, false, true, true].map((rearm, i) => {
      const step = stepAlert(state, bar(i, i !== 1, cfg, { rearm }));
      state = step.state;
      return step;
    });
    expect(kinds(out)).toEqual(['triggered', '-', 'rearmed', 'triggered']);
    expect(out[2].events[0].values).toEqual({ close: 102, rsi_14: 50 });
    expect(stepAlert(run([true], cfg)[0].state, bar(1, false, cfg)).events).toEqual([]); // rearm.when configured but not evaluated
  });

  it('is idempotent by bar openTime: the same or an older bar is a no-op', () => {
    const cfg = config();
    const first = stepAlert(initialAlertState(), bar(0, true, cfg));
    const again = stepAlert(first.state, bar(0, true, cfg));
    expect(again).toEqual({ state: first.state, events: [], notify: false });
    const rearmed = stepAlert(first.state, bar(1, false, cfg));
    expect(stepAlert(rearmed.state, bar(0, true, cfg)).events).toEqual([]);
    expect(stepAlert(rearmed.state, bar(1, true, cfg)).events).toEqual([]);
    // A second replica stepping the same bar from the same stored state computes the same step.
    expect(stepAlert(initialAlertState(), bar(0, true, cfg))).toEqual(first);
  });

  it('expires when maxTriggers is reached, in the step of the last trigger, and then stays quiet', () => {
    const steps = run([true, false, true, false, true], config({ maxTriggers: 2 }));
    expect(kinds(steps)).toEqual(['triggered', 'rearmed', 'triggered+expired', '-', '-']);
    expect(steps[2].notify).toBe(true);
    expect(steps[2].events[1]).toMatchObject({ from: 'triggered', to: 'expired' });
    expect(steps[4].state.status).toBe('expired');
    const lowered = stepAlert(steps[1].state, bar(2, false, config({ maxTriggers: 1 })));
    expect(lowered.events.map((e) => [e.type, e.from, e.to])).toEqual([['expired', 'armed', 'expired']]);
  });

  it('expires once now reaches expiresAt, not a millisecond before', () => {
    const expiresAt = new Date(T0 + TF).toISOString();
    const cfg = config({ expiresAt });
    const before = stepAlert(initialAlertState(), bar(0, false, cfg, { now: T0 + TF - 1 }));
    expect(before.events).toEqual([]);
    const at = stepAlert(before.state, bar(1, true, cfg, { now: T0 + TF }));
    expect(at.notify).toBe(false);
    expect(at.events).toEqual([
      { type: 'expired', from: 'armed', to: 'expired', barTime: T0 + TF, values: { close: 101 } },
    ]);
  });

  it('trigger once: done right after the first trigger, and ignores forming bars', () => {
    const cfg = config({ trigger: 'once' });
    expect(stepAlert(initialAlertState(), bar(0, true, cfg, { closed: false })).events).toEqual([]);
    const steps = run([false, true, false, true], cfg);
    expect(kinds(steps)).toEqual(['-', 'triggered+done', '-', '-']);
    expect(steps[3].state.status).toBe('done');
  });

  it('oncePerBar fires on the forming bar at most once per bar, while the forming bar changes', () => {
    const cfg = config({ trigger: 'oncePerBar' });
    let state = initialAlertState();
    const step = (i: number, result: boolean, closed: boolean) => {
      const s = stepAlert(state, bar(i, result, cfg, { closed }));
      state = s.state;
      return s.events.map((e) => e.type).join('+') || '-';
    };
    const seen = [
      step(0, false, false),
      step(0, true, false),
      step(0, true, false),
      step(0, false, false),
      step(0, true, false),
      step(0, false, true), // the bar closes false: same bar, so no rearm
      step(1, true, false),
      step(1, false, true), // triggered still: the forming bar cannot fire; close rearms
      step(2, true, false),
      step(2, true, true),
    ];
    expect(seen).toEqual(['-', 'triggered', '-', '-', '-', '-', '-', 'rearmed', 'triggered', '-']);
    expect(state.triggerCount).toBe(2);
  });

  it('oncePerBar counts the forming bar as the last of persistenceBars; old forming bars are ignored', () => {
    const cfg = config({ trigger: 'oncePerBar', persistenceBars: 3 });
    const [, second] = run([true, true], cfg);
    expect(stepAlert(second.state, bar(2, true, cfg, { closed: false })).events.map((e) => e.type)).toEqual([
      'triggered',
    ]);
    expect(stepAlert(second.state, bar(1, true, cfg, { closed: false })).events).toEqual([]);
  });

  it('oncePerBarClose ignores the forming bar entirely', () => {
    const cfg = config();
    const state = initialAlertState();
    expect(stepAlert(state, bar(0, true, cfg, { closed: false }))).toEqual({ state, events: [], notify: false });
  });
});
