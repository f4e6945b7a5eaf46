import type { ClaimRequest } from '../jobs/runs.repository.js';
import { RunFinishHooks } from '../jobs/run-finish-hooks.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RunExecutor } from './run-executor.js';

/** An executor whose every claim is lost to "another replica", so only its queueing and batching are exercised. */
function executor() {
  const claims: ClaimRequest[][] = [];
  const runs = {
    claimScheduled: async (batch: ClaimRequest[]) => {
      claims.push(batch);
      return [];
    },
  };
  const registry = {
    get: (type: string) => (type === 'alert' ? { runBatch: async () => [] } : { run: async () => undefined }),
  };
  const dbClock = { date: () => new Date(0), now: () => 0 };
  const config = { scheduler: { maxWorkers: 4 } };
  const ex = new RunExecutor(
    runs as never,
    {} as never,
    registry as never,
    dbClock as never,
    {} as never,
    { id: 'test' } as never,
    new MetricsService(),
    {} as never,
    config as never,
    new RunFinishHooks(),
  );
  const lost: string[] = [];
  ex.onLost((ids) => lost.push(...ids));
  return { ex, claims, lost };
}

const fire = (i: number, type: 'alert' | 'cleanup'): ClaimRequest => ({
  jobId: `job-${i}`,
  version: 1,
  scheduledFor: new Date(60_000),
  trigger: 'schedule',
  type,
});

async function drained(ex: RunExecutor): Promise<void> {
  while (ex.busy) await new Promise((resolve) => setImmediate(resolve));
}

describe('RunExecutor queue', () => {
  it('takes 250,000 fire times due at once (more than a call takes arguments) and claims them 1,000 at a time, in order', async () => {
    const { ex, claims, lost } = executor();
    const reqs = Array.from({ length: 250_000 }, (_, i) => fire(i, 'alert'));
    ex.enqueue(reqs);
    await drained(ex);
    expect(claims).toHaveLength(250);
    expect(claims.every((c) => c.length === 1_000)).toBe(true);
    expect(claims.flat().map((r) => r.jobId)).toEqual(reqs.map((r) => r.jobId));
    expect(lost).toHaveLength(250_000);
  });

  it('batches a batching type across other requests, claims each request once, and keeps each type in its order', async () => {
    const { ex, claims } = executor();
    const reqs = Array.from({ length: 2_500 }, (_, i) => fire(i, i % 5 === 4 ? 'cleanup' : 'alert'));
    ex.enqueue(reqs);
    await drained(ex);
    const batches = claims.filter((c) => c.length > 4); // the others are taken for the free worker slots (4)
    expect(batches[0]).toHaveLength(1_000);
    expect(batches.every((c) => c.length <= 1_000)).toBe(true);
    expect(batches.every((c) => c.every((r) => r.type === 'alert'))).toBe(true);
    expect(
      claims
        .flat()
        .filter((r) => r.type === 'alert')
        .map((r) => r.jobId),
    ).toEqual(reqs.filter((r) => r.type === 'alert').map((r) => r.jobId));
    expect(
      claims
        .flat()
        .filter((r) => r.type === 'cleanup')
        .map((r) => r.jobId),
    ).toEqual(reqs.filter((r) => r.type === 'cleanup').map((r) => r.jobId));
    expect(claims.flat()).toHaveLength(2_500);
  });
});

describe('RunExecutor retries', () => {
  it("starts a retry due at once (backoff 0) while the last attempt's follow-up query is still in flight", async () => {
    const job = {
      id: 'j',
      name: 'sync',
      type: 'http',
      retry: { maxAttempts: 2, backoffSeconds: 0 },
      timeoutSeconds: 30,
    };
    const run = {
      id: 'r',
      jobId: 'j',
      attempt: 1,
      scheduledFor: new Date(60_000),
      trigger: 'manual',
      status: 'running',
    };
    const attempts: number[] = [];
    const finished: string[] = [];
    let releaseFollowUp!: () => void;
    const followUp = new Promise<never[]>((resolve) => (releaseFollowUp = () => resolve([])));
    const runs = {
      claimScheduled: async () => [run],
      // afterRun's query: held until the test lets it go, as a slow database would.
      startQueued: () => followUp,
      nextAttempt: async () => true,
      finish: async (_id: string, _i: string, status: string) => {
        finished.push(status);
        return true;
      },
    };
    const registry = {
      get: () => ({
        run: async (ctx: { attempt: number }) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt === 1) throw new Error('HTTP 500');
          return { ok: 1 };
        },
      }),
    };
    const timers = {
      set: (fn: () => void, ms: number) => setTimeout(fn, ms),
      clear: (t: unknown) => clearTimeout(t as never),
    };
    const ex = new RunExecutor(
      runs as never,
      { findById: async () => job } as never,
      registry as never,
      { date: () => new Date(60_000), now: () => 60_000 } as never,
      timers as never,
      { id: 'test' } as never,
      new MetricsService(),
      {} as never,
      { scheduler: { maxWorkers: 4 } } as never,
      new RunFinishHooks(),
      undefined,
      { next: () => 0.5 } as never,
    );
    ex.enqueue([{ jobId: 'j', version: 1, scheduledFor: run.scheduledFor, trigger: 'manual', type: 'http' as never }]);
    for (let i = 0; i < 100 && finished.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(attempts).toEqual([1, 2]);
    expect(finished).toEqual(['succeeded']);
    expect(ex.busy).toBe(true); // the follow-up queries are still out
    releaseFollowUp();
    await ex.whenIdle();
    expect(ex.busy).toBe(false);
  });
});
