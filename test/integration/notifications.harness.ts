import { ManualClock } from '../../src/base/time/clock.js';
import type { NotificationInput } from '../../src/notifications/core/notification-payload.js';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.js';
import { NotificationsRepository } from '../../src/notifications/notifications.repository.js';
import type { TestDatabase } from '../support/database.js';
import { ManualTimers } from '../support/manual-timers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export interface NotifyHarness extends TestApp {
  clock: ManualClock;
  timers: ManualTimers;
  dispatcher: NotificationDispatcher;
  repo: NotificationsRepository;
  /** A job row to hang notifications on (the outbox's job_id references jobs). */
  createJob(name: string): Promise<string>;
  /** Enqueues in a transaction, as the alert engine does, then kicks the dispatcher. Answers the inserted keys. */
  enqueue(inputs: NotificationInput[]): Promise<string[]>;
  /** Fires due timers (the poll) and waits until claims, deliveries and their records are done. */
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
}

/** The whole service on a ManualClock, so backoff and Retry-After are checked to the millisecond without sleeping. */
export async function startNotifyHarness(
  opts: { env?: Record<string, string>; clock?: ManualClock; db?: TestDatabase } = {},
): Promise<NotifyHarness> {
  const clock = opts.clock ?? new ManualClock(Date.parse('2026-03-02T14:00:00.000Z'));
  const timers = new ManualTimers(clock);
  const app = await startTestApp({ clock, timers, db: opts.db, env: opts.env });
  const dispatcher = app.get(NotificationDispatcher);
  const repo = app.get(NotificationsRepository);
  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const fired = timers.fireDue();
      await dispatcher.whenIdle();
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (fired === 0) break;
    }
  };
  return {
    ...app,
    clock,
    timers,
    dispatcher,
    repo,
    settle,
    createJob: async (name) =>
      (
        await app
          .api()
          .post('/jobs')
          .send({ name, type: 'cleanup', schedule: { every: 3600 } })
          .expect(201)
      ).body.id,
    enqueue: async (inputs) => {
      const keys = await app.dataSource.transaction((em) => repo.enqueueMany(em, inputs));
      dispatcher.kick();
      return keys;
    },
    advance: async (ms) => {
      clock.advance(ms);
      await settle();
    },
  };
}

/** A trigger of `jobId` at the bar opening at `openTime`, shaped as the alert engine builds it. */
export function alertInput(jobId: string, openTime: string, extra: Partial<NotificationInput> = {}): NotificationInput {
  const open = Date.parse(openTime);
  return {
    jobId,
    jobName: 'btc-rsi-oversold',
    symbol: 'BTCUSDT',
    timeframe: '15m',
    provider: 'binance',
    bar: {
      openTime: new Date(open).toISOString(),
      closeTime: new Date(open + 15 * 60_000 - 1).toISOString(),
      open: 27200,
      high: 27250.5,
      low: 27100,
      close: 27123.5,
      volume: 12.25,
    },
    values: { rsi_14: 28.7 },
    message: 'BTCUSDT 15m: RSI 28.7 crossed below 30 at 27123.5',
    channels: ['telegram'],
    recipient: 'chat-42',
    priority: 'high',
    triggeredAt: new Date(open + 15 * 60_000 + 2000).toISOString(),
    ...extra,
  };
}

/** `n` bars of 15m from 2026-03-02T00:00Z. */
export function barTimes(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.parse('2026-03-02T00:00:00.000Z') + i * 15 * 60_000).toISOString(),
  );
}
