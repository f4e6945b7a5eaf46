import { describe, expect, it } from '@jest/globals';

import { ManualTimers } from '../../test/support/manual-timers.js';
import { ManualClock } from '../base/time/clock.js';
import type { ScheduleSpec } from '../base/schedule/index.js';
import { SchedulerLoop, type DueFire } from './scheduler-loop.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 14, 0);

function loopWith(specs: Record<string, ScheduleSpec>) {
  const clock = new ManualClock(T0 + 35_000);
  const timers = new ManualTimers(clock);
  const fired: Array<{ id: string; at: number; handedAt: number }> = [];
  const loop = new SchedulerLoop(
    () => clock.now(),
    timers,
    (fires: DueFire[]) => {
      for (const f of fires) fired.push({ id: f.job.id, at: f.scheduledFor, handedAt: clock.now() });
    },
  );
  for (const [id, spec] of Object.entries(specs)) {
    loop.register({
      id,
      name: id,
      version: 1,
      spec,
      ctx: { anchorMs: T0, defaultTimezone: 'UTC' },
      misfire: { policy: 'skip', graceSeconds: 60 },
    });
  }
  loop.start();
  return { clock, timers, loop, fired };
}

describe('SchedulerLoop.fireBarClose (a bar close seen on an exchange stream)', () => {
  it('hands over exactly the fire of that bar, at once, keeping its nominal time; the timer does not fire it again', () => {
    const { clock, timers, loop, fired } = loopWith({
      slow: { bar: '1m', delaySeconds: 30 },
      zero: { bar: '1m', delaySeconds: 0 },
      cron: { cron: '* * * * *' },
    });
    clock.set(T0 + MIN); // bar T0 closes
    expect(loop.fireBarClose(['slow', 'cron'], T0 + MIN)).toBe(1); // a cron job is not a bar close
    expect(fired).toEqual([{ id: 'slow', at: T0 + MIN + 30_000, handedAt: T0 + MIN }]);

    clock.set(T0 + MIN + 30_000); // the poll's time passes: already handed over
    timers.fireDue();
    expect(fired.filter((f) => f.id === 'slow')).toHaveLength(1);
    expect(loop.upcoming(3).find((u) => u.jobId === 'slow')?.at).toBe(T0 + 2 * MIN + 30_000);
  });

  it('leaves a job alone whose own timer fired first: the next bar is never fired early', () => {
    const { clock, timers, loop, fired } = loopWith({ zero: { bar: '1m', delaySeconds: 0 } });
    clock.set(T0 + MIN);
    timers.fireDue(); // the poll at close + 0 s came first
    expect(fired).toEqual([{ id: 'zero', at: T0 + MIN, handedAt: T0 + MIN }]);
    expect(loop.fireBarClose(['zero'], T0 + MIN)).toBe(0); // the stream's close of the same bar, a moment later
    expect(fired).toHaveLength(1);
    expect(loop.fireBarClose(['zero'], T0)).toBe(0); // an old close (a backfill after a reconnect)
  });
});
