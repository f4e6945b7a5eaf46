import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RealTimers } from '../base/time/timers.js';

/**
 * The service's timers: the named ones (the scheduler's wake-up, its upkeep loop, the outbox poll)
 * are registered with @nestjs/schedule's SchedulerRegistry, so they can be listed there and are
 * cleared with the application; unnamed ones are plain timers. One timer per name: arming a name
 * again replaces its timer. Tests replace Timers with ManualTimers.
 */
@Injectable()
export class ScheduledTimers extends RealTimers {
  private readonly names = new Map<unknown, string>();

  constructor(private readonly registry: SchedulerRegistry) {
    super();
  }

  override set(fn: () => void, ms: number, name?: string): unknown {
    if (name === undefined) return super.set(fn, ms);
    this.release(name);
    const handle: unknown = super.set(() => {
      this.forget(handle);
      fn();
    }, ms);
    this.names.set(handle, name);
    this.registry.addTimeout(name, handle);
    return handle;
  }

  override clear(handle: unknown): void {
    super.clear(handle);
    this.forget(handle);
  }

  /** Drops a name's registration if it is still this handle's (the app's shutdown may have cleared it first). */
  private forget(handle: unknown): void {
    const name = this.names.get(handle);
    if (name === undefined) return;
    this.names.delete(handle);
    if (this.registry.doesExist('timeout', name) && this.registry.getTimeout(name) === handle)
      this.registry.deleteTimeout(name);
  }

  private release(name: string): void {
    if (!this.registry.doesExist('timeout', name)) return;
    const previous: unknown = this.registry.getTimeout(name);
    this.forget(previous);
    super.clear(previous);
  }
}
