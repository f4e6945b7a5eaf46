import type { SchedulerHarness } from './scheduler-harness.js';

/**
 * Triggers a job through the API and waits (real time, the harness's timers fired meanwhile) until
 * its run has finished; answers the run as `GET /jobs/:id/runs` shows it.
 */
export async function triggerAndWait(h: SchedulerHarness, jobId: string, timeoutMs = 15_000) {
  const started = await h.api().post(`/jobs/${jobId}/trigger`).expect(202);
  return waitForRun(h, jobId, started.body.id as string, timeoutMs);
}

export async function waitForRun(h: SchedulerHarness, jobId: string, runId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await h.settle();
    const runs = await h.api().get(`/jobs/${jobId}/runs`).expect(200);
    const run = runs.body.items.find((r: { id: string }) => r.id === runId);
    if (run && run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run?.status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
