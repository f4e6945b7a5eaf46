import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/base/time/clock.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const cleanupJob = (name: string) => ({ name, type: 'cleanup', schedule: { every: 86400 }, cleanup: {} });

describe("seed 000's scheduler route names (CONTRACT §8)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ms-seed-routes-'));
  let h: SchedulerHarness;

  beforeAll(async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(cleanupJob('from-file-a')));
    h = await startSchedulerHarness({
      clock: new ManualClock(Date.parse('2026-03-02T14:00:00.000Z')),
      env: { ALERTS_DIR: dir },
    });
  }, 180_000);
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stop pauses and start resumes, as pause/resume do', async () => {
    expect((await h.api().post('/scheduler/stop').expect(200)).body).toEqual({ paused: true });
    expect((await h.api().get('/scheduler/status').expect(200)).body.paused).toBe(true);
    expect((await h.api().post('/scheduler/start').expect(200)).body).toEqual({ paused: false });
    expect((await h.api().get('/scheduler/status').expect(200)).body.paused).toBe(false);
  });

  it('restart re-reads ALERTS_DIR, re-registers the schedules, answers the counts and resumes', async () => {
    await h.api().post('/scheduler/stop').expect(200);
    writeFileSync(join(dir, 'b.json'), JSON.stringify(cleanupJob('from-file-b')));
    const res = await h.api().post('/scheduler/restart').expect(200);
    // The file's job is registered as the sync stores it, so the reconcile after it counts it unchanged.
    expect(res.body).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 2 });
    const status = (await h.api().get('/scheduler/status').expect(200)).body;
    expect(status.paused).toBe(false);
    expect(status.jobs).toMatchObject({ total: 2, scheduled: 2 });
    expect(status.nextRuns.map((r: { name: string }) => r.name).sort()).toEqual(['from-file-a', 'from-file-b']);
  });

  it('health answers as GET /health, and every seed route needs the token', async () => {
    const seed = await h.api().get('/scheduler/health');
    const health = await h.api().get('/health');
    expect(seed.status).toBe(health.status);
    expect(Object.keys(seed.body).sort()).toEqual(Object.keys(health.body).sort());
    expect(seed.body.status).toBe(health.body.status);
    for (const [method, path] of [
      ['post', '/scheduler/start'],
      ['post', '/scheduler/stop'],
      ['post', '/scheduler/restart'],
      ['get', '/scheduler/health'],
    ] as const)
      await h.anon()[method](path).expect(401);
  });
});
