import type { Logger } from '@nestjs/common';
import type { DeliveryOutcome } from './core/delivery-policy.js';
import type { NotificationsRepository } from './notifications.repository.js';

/** Outcomes per UPDATE; more wait for the next one. */
const FLUSH_MAX = 1000;

/**
 * Group commit of delivery outcomes: one UPDATE records many rows, and outcomes that arrive while
 * it runs go in the next. At 2,000 deliveries/s, one statement per delivery would be the bottleneck.
 * A failed UPDATE keeps its outcomes for the next flush (the rows' claims cover the wait; should
 * the process die meanwhile, the rows are delivered again: at-least-once).
 */
export class OutcomeRecorder {
  private outcomes: DeliveryOutcome[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly instanceId: string,
    private readonly logger: Logger,
  ) {}

  add(outcome: DeliveryOutcome): void {
    this.outcomes.push(outcome);
  }

  get waiting(): number {
    return this.outcomes.length;
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Records what is waiting; resolves when this flush (and any already running) has ended. */
  flush(): Promise<void> {
    if (this.running) return this.running;
    if (this.outcomes.length === 0) return Promise.resolve();
    const run: Promise<void> = this.recordAll().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async recordAll(): Promise<void> {
    while (this.outcomes.length > 0) {
      const batch = this.outcomes.splice(0, FLUSH_MAX);
      try {
        await this.repo.record(batch, this.instanceId);
      } catch (e) {
        this.outcomes.unshift(...batch);
        this.logger.error(`recording ${batch.length} notification outcomes failed: ${(e as Error).message}`);
        return;
      }
    }
  }
}
