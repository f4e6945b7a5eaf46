import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from './clock.js';

/**
 * "Now" as the database sees it. Every replica decides what is due, and stamps leases, on this
 * clock, so replicas whose own clocks drift apart still agree. The offset between this host's
 * clock and the database's is measured (half the round trip is taken off) and applied to the
 * injected Clock: in production that is the system clock; in tests a ManualClock stays exact.
 */
@Injectable()
export class DbClock {
  private readonly logger = new Logger('DbClock');
  private offsetMs = 0;

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  now(): number {
    return this.clock.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  get offset(): number {
    return this.offsetMs;
  }

  async measure(): Promise<void> {
    const before = Date.now();
    const [row] = await this.ds.query('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms');
    const after = Date.now();
    const measured = Number(row.ms) - (before + after) / 2;
    // An offset within the round trip cannot be told from zero: the clocks agree (same host, NTP).
    const next = Math.abs(measured) <= Math.max(after - before, 5) ? 0 : Math.round(measured);
    if (Math.abs(next - this.offsetMs) > 250) this.logger.log(`database clock offset ${next} ms`);
    this.offsetMs = next;
  }
}
