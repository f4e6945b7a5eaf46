import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CircuitBreaker } from '../base/resilience/circuit-breaker.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { DbClock } from '../base/time/db-clock.js';
import { InstanceInfo } from '../base/time/instance-info.js';
import { Timers } from '../base/time/timers.js';
import { DatabaseConnector } from '../database/database-connector.js';
import { decide, toOutcome, type AttemptResult, type Verdict } from './core/delivery-policy.js';
import { wireBody } from './core/notification-payload.js';
import { signatureHeaders } from './core/signature.js';
import { DigestsRepository } from './digests.repository.js';
import { NotificationsRepository, type ClaimedNotification } from './notifications.repository.js';
import { postNotification } from './notify-http.js';
import { OutcomeRecorder } from './outcome-recorder.js';

/** How often the store is looked at when nobody kicks (retries come due, rows of other replicas' alerts). */
export const POLL_MS = 250;
/** POSTs in flight at once. */
export const MAX_IN_FLIGHT = 64;
/** Rows per claim, and the level below which claimed-but-unstarted rows are topped up: claims stay few and large. */
const CLAIM_BATCH = 256;
const LOW_WATER = MAX_IN_FLIGHT;
/** Outcomes that make a flush worth it before the pipeline runs dry. */
const FLUSH_AT = 200;
/** The claim outlives the longest attempt plus recording it; a replica that dies loses its rows this much later. */
const LEASE_MARGIN_MS = 30_000;
/** Without NOTIFY_URL the outbox is looked at this often, to mark and log what cannot be delivered. */
const UNDELIVERABLE_CHECK_MS = 10_000;
export const UNDELIVERABLE = 'NOTIFY_URL not set: kept in the outbox until it is configured';

/**
 * Delivers the outbox: claims due rows in batches (SKIP LOCKED, with a lease), POSTs them to
 * NOTIFY_URL, MAX_IN_FLIGHT at a time, and records the outcomes in batches. Runs in every replica
 * whose SCHEDULER_MODE is not `api`. While the endpoint keeps failing a circuit breaker stops the
 * attempts: rows wait, due, without spending attempts (delayed, never dropped or sent to `dead` by
 * it), and one probe at a time tests whether the endpoint is back.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly breaker: CircuitBreaker;
  private readonly recorder: OutcomeRecorder;
  private running = false;
  private timer: unknown = null;
  private pumpRun: Promise<void> | null = null;
  private again = false;
  /** The last claim found fewer rows than it asked for: no need to claim again until polled or kicked. */
  private drained = false;
  /** Claimed, not yet started. */
  private queue: ClaimedNotification[] = [];
  private readonly deliveries = new Set<Promise<void>>();
  private lastUndeliverableCheck = -Infinity;
  private lastDigestCheck = -Infinity;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly digests: DigestsRepository,
    private readonly dbClock: DbClock,
    private readonly timers: Timers,
    private readonly instance: InstanceInfo,
    private readonly metrics: MetricsService,
    clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connector: DatabaseConnector,
  ) {
    this.breaker = new CircuitBreaker('notify', clock, { failureThreshold: 5, cooldownMs: 5_000 });
    this.recorder = new OutcomeRecorder(repo, instance.id, this.logger);
  }

  /** Delivery starts once the database is connected (at boot, or when it first answers). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.scheduler.mode !== 'api') await this.connector.onReady('notification delivery', () => this.start());
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
    if (!this.config.notify.url)
      this.logger.warn('NOTIFY_URL is not set: notifications are kept in the outbox, undelivered');
    this.arm(0); // rows left pending by a previous run (or another replica) are simply due
  }

  /** Called after notifications are enqueued and committed: delivery starts now, not at the next poll. */
  kick(): void {
    if (!this.running) return;
    this.drained = false;
    this.lastUndeliverableCheck = -Infinity;
    void this.pump();
  }

  /** Stops claiming, gives back unstarted rows, lets attempts in flight end (bounded by NOTIFY_TIMEOUT) and records them. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.pumpRun;
    await this.releaseQueued();
    await Promise.allSettled([...this.deliveries]);
    await this.recorder.flush();
  }

  /** Resolves when nothing is being claimed, delivered or recorded here (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    while (
      this.pumpRun ||
      this.queue.length > 0 ||
      this.deliveries.size > 0 ||
      this.recorder.busy ||
      this.recorder.waiting > 0
    ) {
      await Promise.allSettled([this.pumpRun, ...this.deliveries]);
      await this.recorder.flush();
      if (this.recorder.waiting > 0 && !this.recorder.busy) return; // recording failed (logged); the next poll tries again
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private arm(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.set(
      () => {
        this.timer = null;
        this.drained = false;
        void this.recorder.flush(); // also retries a failed flush
        void this.pump().finally(() => this.arm(POLL_MS));
      },
      ms,
      'notifications-poll',
    );
  }

  private pump(): Promise<void> {
    if (this.pumpRun) {
      this.again = true;
      return this.pumpRun;
    }
    const run: Promise<void> = this.claimWhileKicked().finally(() => {
      if (this.pumpRun === run) this.pumpRun = null;
    });
    this.pumpRun = run;
    return run;
  }

  private async claimWhileKicked(): Promise<void> {
    try {
      do {
        this.again = false;
        if (this.config.notify.url) {
          await this.formDigests();
          await this.fill(this.config.notify.url);
        } else await this.noteUndeliverable();
      } while (this.again && this.running);
    } catch (e) {
      this.logger.error(`claiming notifications failed: ${(e as Error).message}`);
    }
  }

  /**
   * Folds the waiting alert notifications whose digest is due into `alert.digest` rows, which the
   * claim then delivers like any other row (pacing, 429 gate, breaker, retries). Looked at once a
   * poll at most, not at every kick of a busy bar close.
   */
  private async formDigests(): Promise<void> {
    const now = this.dbClock.now();
    if (now - this.lastDigestCheck < POLL_MS) return;
    this.lastDigestCheck = now;
    const formed = await this.digests.formDue(new Date(now));
    if (formed > 0) this.logger.debug(`${formed} digest(s) formed`);
  }

  /** Rows to claim now: none while the circuit is open, one probe at a time while half-open. */
  private room(): number {
    const state = this.breaker.state;
    if (state === 'open') return 0;
    if (state === 'halfOpen') return this.deliveries.size + this.queue.length === 0 ? 1 : 0;
    return this.queue.length < LOW_WATER ? CLAIM_BATCH - this.queue.length : 0;
  }

  private async fill(url: string): Promise<void> {
    while (this.running) {
      const room = this.room();
      if (room === 0) return;
      const now = this.dbClock.now();
      const leaseUntil = new Date(now + this.config.notify.timeoutSeconds * 1000 + LEASE_MARGIN_MS);
      const rate = this.config.notify.ratePerRecipient;
      const paceMs = rate === null ? null : 60_000 / rate;
      const rows = await this.repo.claimDue(this.instance.id, new Date(now), leaseUntil, room, paceMs);
      this.queue.push(...rows);
      this.startQueued(url);
      if (rows.length < room) {
        this.drained = true;
        return;
      }
    }
  }

  /** Starts queued rows while slots are free and the breaker allows; gives them back when it has opened. */
  private startQueued(url: string): void {
    while (this.queue.length > 0 && this.deliveries.size < MAX_IN_FLIGHT) {
      const state = this.breaker.state;
      if (state === 'open' || (state === 'halfOpen' && this.deliveries.size > 0)) break;
      this.launch(url, this.queue.shift()!);
    }
    if (this.breaker.state === 'open' && this.queue.length > 0) void this.releaseQueued();
  }

  private async releaseQueued(): Promise<void> {
    const ids = this.queue.splice(0).map((r) => r.id);
    await this.repo
      .release(ids, this.instance.id)
      .catch((e: Error) => this.logger.error(`releasing ${ids.length} claims failed: ${e.message}`));
  }

  private launch(url: string, row: ClaimedNotification): void {
    const delivery: Promise<void> = this.deliver(url, row)
      .catch((e) => this.logger.error(`delivering notification ${row.idempotencyKey} crashed: ${(e as Error).stack}`))
      .finally(() => {
        this.deliveries.delete(delivery);
        this.afterDelivery(url);
      });
    this.deliveries.add(delivery);
  }

  private afterDelivery(url: string): void {
    if (this.running) this.startQueued(url);
    const idle = this.deliveries.size === 0 && this.queue.length === 0;
    if (this.recorder.waiting >= FLUSH_AT || idle) void this.recorder.flush();
    if (this.running && !this.drained && this.queue.length < LOW_WATER) void this.pump();
  }

  private async deliver(url: string, row: ClaimedNotification): Promise<void> {
    // The body is rebuilt from the stored row in a fixed key order, and the timestamp is the row's
    // creation: every attempt of one notification carries byte-identical body and signature.
    const body = wireBody(row.payload as unknown as Record<string, unknown>);
    const secret = this.config.notify.signingSecret;
    const result = await postNotification({
      url,
      idempotencyKey: row.idempotencyKey,
      body,
      headers: secret ? signatureHeaders(secret, Math.floor(row.createdAtMs / 1000), body) : undefined,
      timeoutMs: this.config.notify.timeoutSeconds * 1000,
      nowMs: () => this.dbClock.now(),
    });
    const attempts = row.attempts + 1;
    const verdict = decide(result, attempts, this.config.notify.maxAttempts);
    if (result.status === 429 && verdict.kind === 'retry') await this.slowRecipient(row, verdict.delayMs);
    this.observe(row, result, verdict, attempts);
    const outcome = toOutcome(row.id, result, verdict, attempts, this.dbClock.now());
    this.recorder.add(row.payload.type === 'alert.digest' ? { ...outcome, digest: true } : outcome);
  }

  /**
   * A 429 is about one recipient (Telegram's per-chat limit and its `retry_after`): that recipient's
   * notifications wait until the Retry-After (or the backoff) has passed, on every replica; the
   * others go on. It is no sign that the endpoint is down, so the breaker does not count it.
   */
  private async slowRecipient(row: ClaimedNotification, delayMs: number): Promise<void> {
    const until = new Date(this.dbClock.now() + delayMs);
    await this.repo
      .gateRecipient(row.recipient, until)
      .catch((e: Error) => this.logger.error(`slowing recipient of ${row.idempotencyKey} failed: ${e.message}`));
  }

  /** Breaker, metrics and logs. An endpoint that answers (2xx, a 4xx refusing one body, a 429 for one recipient) is up. */
  private observe(row: ClaimedNotification, result: AttemptResult, verdict: Verdict, attempts: number): void {
    const answered = result.status !== null && result.status < 500 && result.status !== 408;
    if (answered) this.breaker.recordSuccess();
    else this.breaker.recordFailure(new Error(verdict.kind === 'sent' ? '' : verdict.reason));
    this.metrics.notifications.inc({ outcome: verdict.kind });
    if (verdict.kind === 'sent')
      this.metrics.jobCounters.inc(
        { type: jobTypeOf(row.payload), counter: 'delivered' },
        row.payload.type === 'alert.digest' ? row.payload.count : 1,
      );
    if (verdict.kind === 'dead')
      this.logger.warn(`notification ${row.idempotencyKey} is dead after ${attempts} attempt(s): ${verdict.reason}`);
    else if (verdict.kind === 'retry') {
      this.logger.debug(
        `notification ${row.idempotencyKey} attempt ${attempts} failed (${verdict.reason}); next in ${Math.round(verdict.delayMs / 1000)} s`,
      );
    }
  }

  /** No NOTIFY_URL: pending rows are kept, marked with why, and logged; never dropped or sent to dead. */
  private async noteUndeliverable(): Promise<void> {
    const now = this.dbClock.now();
    if (now - this.lastUndeliverableCheck < UNDELIVERABLE_CHECK_MS) return;
    this.lastUndeliverableCheck = now;
    const marked = await this.repo.markUndeliverable(UNDELIVERABLE);
    this.metrics.notifications.inc({ outcome: 'undeliverable' }, marked);
    if (marked > 0)
      this.logger.warn(`NOTIFY_URL is not set: ${marked} new notification(s) kept in the outbox, undelivered`);
  }
}

/** The job type a notification came from, for the job counters metric: `alert.*` (digests too) from alerts; else what the body says. */
function jobTypeOf(payload: { type?: string; jobType?: string }): string {
  if (payload.type?.startsWith('alert.')) return 'alert';
  return payload.jobType ?? 'unknown';
}
