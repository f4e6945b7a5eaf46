import { RunsRepository } from '../../src/jobs/runs.repository.js';
import { gate } from '../support/scripted-handler.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const job = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'cleanup',
  schedule: { every: 60 },
  retry: { maxAttempts: 1, backoffSeconds: 0 },
  ...extra,
});
const iso = (ms: number) => new Date(ms).toISOString();

/** Schedules that explain themselves (CONTRACT §8): counters, last and next fire times, pause notes, pauseOnFailures. */
describe('GET /jobs/:id explains the job (whole service on a ManualClock, real database)', () => {
  let h: SchedulerHarness;
  beforeEach(async () => {
    h = await startSchedulerHarness();
  });
  afterEach(async () => {
    await h?.close();
  });
  const get = async (id: string) => (await h.api().get(`/jobs/${id}`).expect(200)).body;

  it('counts fired, succeeded, failed, timed out and skipped runs, and lists the last and next 5 fire times', async () => {
    const release = gate();
    let longRuns = 0;
    h.handler.behaviour = async (ctx) => {
      const minute = new Date(ctx.scheduledFor).getUTCMinutes();
      if (ctx.job.name === 'long') return longRuns++ === 0 ? release.wait : { ok: true };
      if (minute === 2) throw new Error('boom');
      if (minute === 3) return new Promise(() => undefined); // hangs: times out
      return { ok: true };
    };
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job('explained', { timeoutSeconds: 30 }))
      .expect(201);
    const long = (
      await h
        .api()
        .post('/jobs')
        .send(job('long', { schedule: { every: 20 }, timeoutSeconds: 3600 }))
        .expect(201)
    ).body;
    expect((await get(body.id)).counters).toEqual({
      fired: 0,
      succeeded: 0,
      failed: 0,
      timedOut: 0,
      missed: 0,
      skipped: 0,
      notified: 0,
      delivered: 0,
    });
    // explained: 14:01 ok, 14:02 fails, 14:03 times out (at 14:03:30), 14:04 ok, 14:05 ok.
    // long (every 20 s): 14:00:20 runs until 14:00:50, so 14:00:40 is skipped (overlap); the rest run.
    await h.advance(20_000);
    await h.advance(20_000);
    await h.advance(10_000);
    release.open();
    for (let s = 50; s < 300; s += 10) await h.advance(10_000);
    const view = await get(body.id);
    expect(view.counters).toEqual({
      fired: 5,
      succeeded: 3,
      failed: 1,
      timedOut: 1,
      missed: 0,
      skipped: 0,
      notified: 0,
      delivered: 0,
    });
    // Every fire time of `long` (14:00:20 … 14:05:00, 15) is either fired or skipped, and the counters say which.
    const longView = await get(long.id);
    const longHistory = (await h.api().get(`/jobs/${long.id}/runs?limit=500`).expect(200)).body.items;
    expect(longView.counters.fired + longView.counters.skipped).toBe(15);
    expect(longView.counters.skipped).toBeGreaterThanOrEqual(1);
    expect(longView.counters.skipped).toBe(
      longHistory.filter((r: { status: string }) => r.status === 'skipped').length,
    );
    expect(longView.counters.succeeded).toBe(longView.counters.fired);
    expect(longHistory.at(-2)).toMatchObject({ scheduledFor: iso(T0 + 40_000), status: 'skipped' });
    expect(longView.lastFires).toHaveLength(5);
    expect(view.lastFires).toEqual([
      { at: iso(T0 + 5 * 60_000), status: 'succeeded', trigger: 'schedule' },
      { at: iso(T0 + 4 * 60_000), status: 'succeeded', trigger: 'schedule' },
      { at: iso(T0 + 3 * 60_000), status: 'timedOut', trigger: 'schedule' },
      { at: iso(T0 + 2 * 60_000), status: 'failed', trigger: 'schedule' },
      { at: iso(T0 + 1 * 60_000), status: 'succeeded', trigger: 'schedule' },
    ]);
    expect(view.nextFires).toEqual([6, 7, 8, 9, 10].map((m) => iso(T0 + m * 60_000)));

    // Retention deletes old runs (all but each job's latest); the counters since creation stay.
    const removed = await h.get(RunsRepository).deleteFinishedBefore(new Date(T0 + 3_600_000));
    expect(removed).toBe(4 + 14);
    expect((await get(body.id)).counters).toEqual(view.counters);
    expect((await get(long.id)).counters).toEqual(longView.counters);
  });

  it('counts fire times the misfire policy dropped as missed', async () => {
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job('missed', { misfire: { graceSeconds: 240, policy: 'runOnce' } }))
      .expect(201);
    await h.close({ keepDatabase: true });
    h.clock.set(T0 + 10 * 60_000); // 14:06 … 14:10 within grace: one runs (runOnce), four are missed
    h = await startSchedulerHarness({ db: h.db, clock: h.clock });
    await h.settle();
    const view = await get(body.id);
    expect(view.counters).toMatchObject({ fired: 1, succeeded: 1, missed: 4, skipped: 0 });
    // Each missed fire time has its record (status skipped, saying why); they count as missed, not as overlap skips.
    expect(view.lastFires).toEqual([
      { at: iso(T0 + 10 * 60_000), status: 'succeeded', trigger: 'catchup' },
      ...[9, 8, 7, 6].map((m) => ({ at: iso(T0 + m * 60_000), status: 'skipped', trigger: 'schedule' })),
    ]);
  });

  it('pauses with a note shown with the job; resume clears it; a bad note is a 400 naming the field', async () => {
    const { body } = await h.api().post('/jobs').send(job('noted')).expect(201);
    const paused = (
      await h.api().post(`/jobs/${body.id}/pause`).send({ note: 'vendor maintenance until Monday' }).expect(200)
    ).body;
    expect(paused.enabled).toBe(false);
    expect(paused.pause).toEqual({
      reason: 'manual',
      note: 'vendor maintenance until Monday',
      at: iso(T0),
    });
    expect((await get(body.id)).pause.note).toBe('vendor maintenance until Monday');
    expect((await get(body.id)).nextFires).toEqual([]);
    const resumed = (await h.api().post(`/jobs/${body.id}/resume`).expect(200)).body;
    expect(resumed).toMatchObject({ enabled: true, pause: null });
    // No body at all is fine too.
    expect((await h.api().post(`/jobs/${body.id}/pause`).expect(200)).body.pause).toEqual({
      reason: 'manual',
      note: null,
      at: iso(T0),
    });
    const tooLong = await h
      .api()
      .post(`/jobs/${body.id}/pause`)
      .send({ note: 'x'.repeat(501) })
      .expect(400);
    expect(tooLong.body.message.join(' ')).toMatch(/note/);
    const nul = await h.api().post(`/jobs/${body.id}/pause`).send({ note: 'a\u0000b' }).expect(400);
    expect(nul.body.message.join(' ')).toMatch(/note/);
    await h.api().post(`/jobs/${body.id}/pause`).send({ note: 42 }).expect(400);
    await h.api().post(`/jobs/${body.id}/pause`).send({ reason: 'x' }).expect(400);
    expect((await get(body.id)).pause.note).toBeNull(); // nothing half-written by a refused request
  });

  it('pauseOnFailures: n failed runs in a row pause the job with a paused event; a success in between resets', async () => {
    let fail = true;
    h.handler.behaviour = async () => {
      if (fail) throw new Error('upstream 500');
      return { ok: true };
    };
    const { body } = await h
      .api()
      .post('/jobs')
      .send(job('fragile', { pauseOnFailures: 3 }))
      .expect(201);
    expect(body.pauseOnFailures).toBe(3);
    await h.advance(60_000);
    await h.advance(60_000); // two failures
    fail = false;
    await h.advance(60_000); // a success resets the streak
    fail = true;
    await h.advance(60_000);
    await h.advance(60_000);
    expect((await get(body.id)).enabled).toBe(true);
    await h.advance(60_000); // the third failure in a row
    const view = await get(body.id);
    expect(view.enabled).toBe(false);
    expect(view.pause).toMatchObject({ reason: 'failures' });
    expect(view.pause.note).toContain('last 3 runs failed');
    expect(view.counters).toMatchObject({ fired: 6, failed: 5, succeeded: 1 });
    const events = (await h.api().get(`/jobs/${body.id}/events`).expect(200)).body.items;
    expect(events).toEqual([
      expect.objectContaining({ type: 'paused', reason: 'failures', barTime: iso(T0 + 6 * 60_000) }),
    ]);
    await h.advance(5 * 60_000);
    expect(h.handler.calls).toHaveLength(6); // paused: nothing more runs
    await h
      .api()
      .post('/jobs')
      .send(job('bad', { pauseOnFailures: 0 }))
      .expect(400);
  });
});
