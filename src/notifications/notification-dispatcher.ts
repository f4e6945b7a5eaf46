import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CircuitBreaker } from '../market-data/core/circuit-breaker.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DbClock } from '../scheduler/db-clock.js';
import { InstanceInfo } from '../scheduler/instance-info.js';
import { Timers } from '../scheduler/timers.js';
import { decide, type AttemptResult, type Verdict } from './core/delivery-policy.js';
import { wireBody } from './core/notification-payload.js';
import { NotificationsRepository, type ClaimedNotification, type DeliveryOutcome } from './notifications.repository.js';
import { postNotification } from './notify-http.js';

/** How often the store is looked at for due rows when nobody kicks (retries come due, other replicas' rows). */
export const POLL_MS = 250;
/** Deliveries in flight at once; a claim tops the pool up once this many slots are free. */
export const MAX_IN_FLIGHT = 64;
const MIN_CLAIM = 16;
/** Outcomes per UPDATE; more wait for the next flush. */
const FLUSH_MAX = 1000;
/** The claim outlives the longest attempt plus recording it; a replica that dies loses its rows this much later. */
const LEASE_MARGIN_MS = 30_000;
/** Without NOTIFY_URL the outbox is looked at this often, to mark and log what cannot be delivered. */
const UNDELIVERABLE_CHECK_MS = 10_000;
export const UNDELIVERABLE = 'NOTIFY_URL not set: kept in the outbox until it is configured';

/**
 * Delivers the outbox: claims due rows (SKIP LOCKED, with a lease), POSTs each to NOTIFY_URL,
 * up to MAX_IN_FLIGHT at once, and records the outcomes in batches (one UPDATE for many rows).
 * Runs in every replica whose SCHEDULER_MODE is not `api`. A circuit breaker stops claiming while
 * the endpoint keeps failing: rows then wait, due, without spending attempts (delayed, never dropped
 * or sent to `dead` by it); one probe at a time tests whether the endpoint is back.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly breaker: CircuitBreaker;
  private running = false;
  private timer: unknown = null;
  private pumpRun: Promise<void> | null = null;
  private again = false;
  /** The last claim found fewer rows than it asked for: finished deliveries need not claim again until polled or kicked. */
  private drained = false;
  private readonly deliveries = new Set<Promise<void>>();
  private outcomes: DeliveryOutcome[] = [];
  private flushRun: Promise<void> | null = null;
  private lastUndeliverableCheck = -Infinity;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly dbClock: DbClock,
    private readonly timers: Timers,
    private readonly instance: InstanceInfo,
    private readonly metrics: MetricsService,
    clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.breaker = new CircuitBreaker('notify', clock, { failureThreshold: 5, cooldownMs: 5_000 });
  }

  onApplicationBootstrap(): void {
    if (this.config.scheduler.mode !== 'api') this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.config.notify.url) this.logger.warn(`NOTIFY_URL is not set: notifications are kept in the outbox, undelivered`);
    this.arm(0); // rows left pending by a previous run (or another replica) are simply due
  }

  /** Called after notifications are enqueued (and committed): delivery starts now rather than at the next poll. */
  kick(): void {
    if (!this.running) return;
    this.drained = false;
    this.lastUndeliverableCheck = -Infinity;
    void this.pump();
  }

  /** Stops claiming, lets attempts in flight end (each bounded by NOTIFY_TIMEOUT) and records them. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.pumpRun;
    await Promise.allSettled([...this.deliveries]);
    await this.flush();
  }

  /** Resolves when nothing is being claimed, delivered or recorded here (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    while (this.pumpRun || this.deliveries.size > 0 || this.flushRun || this.outcomes.length > 0) {
      await Promise.allSettled([this.pumpRun, this.flushRun, ...this.deliveries]);
      if (!this.flushRun && this.outcomes.length > 0) await this.flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private arm(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.drained = false;
      if (this.outcomes.length > 0) void this.flush(); // a failed flush is tried again here
      void this.pump().finally(() => this.arm(POLL_MS));
    }, ms);
  }

  private pump(): Promise<void> {
    if (this.pumpRun) {
      this.again = true;
      return this.pumpRun;
    }
    this.pumpRun = (async () => {
      try {
        do {
          this.again = false;
          await (this.config.notify.url ? this.fill(this.config.notify.url) : this.noteUndeliverable());
        } while (this.again && this.running);
      } catch (e) {
        this.logger.error(`claiming notifications failed: ${(e as Error).message}`);
      } finally {
        this.pumpRun = null;
      }
    })();
    return this.pumpRun;
  }

  /** Free delivery slots to claim for: none while the circuit is open, one probe at a time while half-open. */
  private room(): number {
    const state = this.breaker.state;
    if (state === 'open') return 0;
    if (state === 'halfOpen') return this.deliveries.size === 0 ? 1 : 0;
    const free = MAX_IN_FLIGHT - this.deliveries.size;
    return free >= MIN_CLAIM || this.deliveries.size === 0 ? free : 0;
  }

  private async fill(url: string): Promise<void> {
    while (this.running) {
      const room = this.room();
      if (room === 0) return;
      const now = this.dbClock.now();
      const leaseUntil = new Date(now + this.config.notify.timeoutSeconds * 1000 + LEASE_MARGIN_MS);
      const rows = await this.repo.claimDue(this.instance.id, new Date(now), leaseUntil, room);
      for (const row of rows) this.launch(url, row);
      if (rows.length < room) {
        this.drained = true;
        return;
      }
    }
  }

  private launch(url: string, row: ClaimedNotification): void {
    const delivery: Promise<void> = this.deliver(url, row)
      .catch((e) => this.logger.error(`delivering notification ${row.idempotencyKey} crashed: ${(e as Error).stack}`))
      .finally(() => {
        this.deliveries.delete(delivery);
        if (!this.drained && this.running) void this.pump();
      });
    this.deliveries.add(delivery);
  }

  private async deliver(url: string, row: ClaimedNotification): Promise<void> {
    const result = await postNotification({
      url, idempotencyKey: row.idempotencyKey, body: wireBody(row.payload as unknown as Record<string, unknown>),
      timeoutMs: this.config.notify.timeoutSeconds * 1000, nowMs: () => this.dbClock.now(),
    });
    const attempts = row.attempts + 1;
    const verdict = decide(result, attempts, this.config.notify.maxAttempts);
    this.observe(row, result, verdict, attempts);
    this.outcomes.push(this.outcome(row.id, result, verdict, attempts));
    if (!this.flushRun) void this.flush();
  }

  /** Breaker, metrics and logs. An endpoint that answers (2xx, or a 4xx refusing one body) is up. */
  private observe(row: ClaimedNotification, result: AttemptResult, verdict: Verdict, attempts: number): void {
    const answered = result.status !== null && result.status < 500 && result.status !== 408 && result.status !== 429;
    if (answered) this.breaker.recordSuccess();
    else this.breaker.recordFailure(new Error(verdict.kind === 'sent' ? '' : verdict.reason));
    this.metrics.notifications.inc({ outcome: verdict.kind });
    if (verdict.kind === 'dead') this.logger.warn(`notification ${row.idempotencyKey} is dead after ${attempts} attempt(s): ${verdict.reason}`);
    else if (verdict.kind === 'retry') {
      this.logger.debug(`notification ${row.idempotencyKey} attempt ${attempts} failed (${verdict.reason}); next in ${Math.round(verdict.delayMs / 1000)} s`);
    }
  }

  private outcome(id: string, result: AttemptResult, verdict: Verdict, attempts: number): DeliveryOutcome {
    const now = this.dbClock.now();
    const base = { id, attempts, lastStatusCode: result.status, lastResponse: result.status === null ? null : result.detail || null };
    if (verdict.kind === 'sent') return { ...base, status: 'sent', nextAttemptAt: new Date(now), lastError: null, sentAt: new Date(now) };
    if (verdict.kind === 'dead') return { ...base, status: 'dead', nextAttemptAt: new Date(now), lastError: verdict.reason, sentAt: null };
    return { ...base, status: 'pending', nextAttemptAt: new Date(now + verdict.delayMs), lastError: verdict.reason, sentAt: null };
  }

  /** Group commit: outcomes that arrive while an UPDATE runs go in the next one. */
  private flush(): Promise<void> {
    if (this.flushRun) return this.flushRun;
    this.flushRun = (async () => {
      try {
        while (this.outcomes.length > 0) {
          const batch = this.outcomes.splice(0, FLUSH_MAX);
          try {
            await this.repo.record(batch, this.instance.id);
          } catch (e) {
            this.outcomes.unshift(...batch); // kept for the next poll; the claims' lease covers the wait
            this.logger.error(`recording ${batch.length} notification outcomes failed: ${(e as Error).message}`);
            return;
          }
        }
      } finally {
        this.flushRun = null;
      }
    })();
    return this.flushRun;
  }

  /** No NOTIFY_URL: pending rows are kept, marked with why, and logged; never dropped or sent to dead. */
  private async noteUndeliverable(): Promise<void> {
    const now = this.dbClock.now();
    if (now - this.lastUndeliverableCheck < UNDELIVERABLE_CHECK_MS) return;
    this.lastUndeliverableCheck = now;
    const marked = await this.repo.markUndeliverable(UNDELIVERABLE);
    this.metrics.notifications.inc({ outcome: 'undeliverable' }, marked);
    if (marked > 0) this.logger.warn(`NOTIFY_URL is not set: ${marked} new notification(s) kept in the outbox, undelivered`);
  }
}
