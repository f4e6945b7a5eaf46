import type { JobHandler, JobRunContext } from '../../src/jobs/job-types/job-handler.js';

/**
 * Stands in for the `cleanup` job type in scheduler tests, so a test decides what a run does
 * (succeed, fail, hang) and sees every attempt. The scheduler under test is real; only the work is scripted.
 */
export class ScriptedHandler implements JobHandler {
  readonly type = 'cleanup' as const;
  readonly calls: Array<{ jobName: string; scheduledFor: string; attempt: number; trigger: string }> = [];
  running = 0;
  maxRunning = 0;
  behaviour: (ctx: JobRunContext, callIndex: number) => Promise<unknown> = async () => ({ ok: true });

  validate(): string[] {
    return [];
  }

  normalize(section: unknown): Record<string, unknown> {
    return (section ?? {}) as Record<string, unknown>;
  }

  async run(ctx: JobRunContext): Promise<unknown> {
    const index = this.calls.length;
    this.calls.push({
      jobName: ctx.job.name,
      scheduledFor: ctx.scheduledFor.toISOString(),
      attempt: ctx.attempt,
      trigger: ctx.trigger,
    });
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      return await this.behaviour(ctx, index);
    } finally {
      this.running -= 1;
    }
  }
}

/** A promise the test resolves when it wants the "work" to finish. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
