import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { backoffDelay, MathRandom, type BackoffPolicy } from '../base/resilience/backoff.js';
import { realSleep } from '../base/resilience/sleep.js';
import { MigrationService } from './migration.service.js';

/**
 * Connecting at boot: 1 s doubling to 15 s, ±20 %. A database that comes back is seen within
 * about 15 s, and a fleet of replicas waiting for one does not knock in step.
 */
export const CONNECT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 15_000, factor: 2, jitter: 0.2 };

type ReadyListener = { name: string; fn: () => Promise<void> | void };

/**
 * The database's lifecycle in this process. The service boots whether or not the database
 * answers: HTTP is served at once (liveness true, readiness false), and connecting (then
 * migrating) is retried with capped, jittered backoff for as long as it takes. Whatever needs the
 * database to start (the scheduler, the outbox) asks `onReady`, and runs once it is connected and
 * migrated; a start that fails is retried by the same backoff.
 */
@Injectable()
export class DatabaseConnector implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly random = new MathRandom();
  private readonly stopped = new AbortController();
  private ready = false;
  private failures = 0;
  private lastErrorText: string | null = null;
  private readonly listeners: ReadyListener[] = [];
  private loop: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly migrations: MigrationService,
  ) {}

  /** The first attempt is made during boot, so a database that is up is migrated before anything starts. */
  async onModuleInit(): Promise<void> {
    if (!(await this.connectOnce())) this.kick();
  }

  /** Shutting down: stop connecting, and start nothing that waited for the database. */
  beforeApplicationShutdown(): void {
    this.stopped.abort();
  }

  /** Connected and every migration applied. */
  get isReady(): boolean {
    return this.ready;
  }

  /** The driver's last connect error (operator detail, never a public answer), or null. */
  get lastError(): string | null {
    return this.lastErrorText;
  }

  get attempts(): number {
    return this.failures;
  }

  /** Resolves once the work that waited for the database has all started (tests, boot). */
  async settled(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /**
   * Runs `fn` once the database is ready: now when it is (awaited), else when it becomes ready.
   * A `fn` that throws is retried with the connect backoff until it succeeds or the process stops.
   */
  async onReady(name: string, fn: () => Promise<void> | void): Promise<void> {
    if (this.ready) {
      try {
        return await fn();
      } catch (e) {
        this.logger.error(`starting ${name} failed: ${(e as Error).message}; retrying`);
      }
    }
    this.listeners.push({ name, fn });
    this.kick();
  }

  private kick(): void {
    if (this.loop || this.stopped.signal.aborted) return;
    this.loop = this.retryLoop().finally(() => (this.loop = null));
  }

  private async retryLoop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped.signal.aborted) {
      if (this.ready && (await this.startListeners())) return;
      if (!this.ready && (await this.connectOnce())) continue;
      attempt += 1;
      const delay = backoffDelay(attempt, CONNECT_BACKOFF, this.random.next());
      if (!this.ready)
        this.logger.warn(
          `database unreachable (attempt ${this.failures}): ${this.lastErrorText}; retrying in ${(delay / 1000).toFixed(1)} s`,
        );
      await realSleep(delay, this.stopped.signal).catch(() => undefined);
    }
  }

  /** Connects and migrates; answers whether the database is now ready. */
  private async connectOnce(): Promise<boolean> {
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      await this.migrations.migrate();
      if (this.failures > 0) this.logger.log(`database reachable again after ${this.failures} failed attempts`);
      this.ready = true;
      this.failures = 0;
      this.lastErrorText = null;
      return true;
    } catch (e) {
      this.failures += 1;
      this.lastErrorText = (e as Error).message || String(e);
      return false;
    }
  }

  /** Starts what waited for the database, in registration order; false if one failed (retried). */
  private async startListeners(): Promise<boolean> {
    while (this.listeners.length > 0 && !this.stopped.signal.aborted) {
      const next = this.listeners[0];
      try {
        await next.fn();
        this.listeners.shift();
      } catch (e) {
        this.logger.error(`starting ${next.name} failed: ${(e as Error).message}; retrying`);
        return false;
      }
    }
    return true;
  }
}
