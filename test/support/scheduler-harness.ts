import { ManualClock } from '../../src/base/time/clock.js';
import { JobTypeRegistry } from '../../src/jobs/job-types/job-type.registry.js';
import { RunExecutor } from '../../src/scheduler/run-executor.js';
import { SchedulerService } from '../../src/scheduler/scheduler.service.js';
import type { TestDatabase } from './database.js';
import { ManualTimers } from './manual-timers.js';
import { ScriptedHandler } from './scripted-handler.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface SchedulerHarness extends TestApp {
  clock: ManualClock;
  timers: ManualTimers;
  handler: ScriptedHandler;
  scheduler: SchedulerService;
  executor: RunExecutor;
  /** Moves time, fires what is due (the loop, backoff timers, timeouts) and waits for the runs to settle. */
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
}

/** The whole service on a ManualClock: schedules, misfires and retries are tested exactly, without sleeping. */
export async function startSchedulerHarness(
  opts: { clock?: ManualClock; db?: TestDatabase; env?: Record<string, string> } = {},
): Promise<SchedulerHarness> {
  const clock = opts.clock ?? new ManualClock(Date.parse('2026-03-02T14:00:00.000Z'));
  const timers = new ManualTimers(clock);
  const app = await startTestApp({ clock, timers, db: opts.db, env: opts.env });
  const handler = new ScriptedHandler();
  app.get(JobTypeRegistry).register(handler);
  const scheduler = app.get(SchedulerService);
  const executor = app.get(RunExecutor);
  const settle = async () => {
    for (let i = 0; i < 200; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      const fired = timers.fireDue();
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fired === 0 && !executor.busy && !scheduler.upkeepInFlight) break;
    }
  };
  return {
    ...app,
    clock,
    timers,
    handler,
    scheduler,
    executor,
    settle,
    advance: async (ms: number) => {
      clock.advance(ms);
      await settle();
    },
  };
}
