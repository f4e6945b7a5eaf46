import { SchedulerRegistry } from '@nestjs/schedule';
import { startTestApp } from '../support/test-app.js';

/**
 * @nestjs/schedule does the timing work: the scheduler's one timer, its upkeep loop (heartbeat,
 * job sync, stale refresh, lease renewal, orphan recovery) and the outbox poll are timeouts in its
 * SchedulerRegistry while the service runs, and none is left once the app has closed.
 */
describe('the service timers in SchedulerRegistry', () => {
  it('lists the scheduler, its upkeep and the outbox poll, and clears them on shutdown', async () => {
    const t = await startTestApp({ env: { NOTIFY_URL: 'http://127.0.0.1:9/notify' } });
    const registry = t.get(SchedulerRegistry);
    try {
      expect(registry.getTimeouts().sort()).toEqual(['notifications-poll', 'scheduler', 'scheduler-upkeep']);
    } finally {
      await t.close();
    }
    expect(registry.getTimeouts()).toEqual([]);
  });

  it('an api-only replica runs no scheduler and no delivery timers', async () => {
    const t = await startTestApp({ env: { SCHEDULER_MODE: 'api', NOTIFY_URL: 'http://127.0.0.1:9/notify' } });
    try {
      expect(t.get(SchedulerRegistry).getTimeouts()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
