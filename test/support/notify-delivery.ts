import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import type { SchedulerHarness } from './scheduler-harness.js';

/** Runs settle, the outbox is delivered, and one dispatcher poll later nothing more goes out (no duplicate). */
export async function deliverOutbox(h: SchedulerHarness): Promise<void> {
  await h.settle();
  await h.get(NotificationDispatcher).whenIdle();
  await h.advance(5_000);
  await h.get(NotificationDispatcher).whenIdle();
}
