import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RealTimers, Timers } from '../base/time/timers.js';
import { DbClock } from '../base/time/db-clock.js';
import { InstanceInfo } from '../base/time/instance-info.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { Clock, SystemClock } from '../base/time/clock.js';
import { DomainErrorFilter } from './domain-error.filter.js';
import { HealthRegistry } from './health-registry.js';

/**
 * What every module shares: the clock and timers (tests override both), the database's clock and this
 * replica's identity (the same for run claims and outbox leases), the health registry each part
 * reports into, the token guard and the error filter.
 */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: Timers, useClass: RealTimers },
    DbClock,
    InstanceInfo,
    HealthRegistry,
    { provide: APP_GUARD, useClass: AdminTokenGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
  ],
  exports: [Clock, Timers, DbClock, InstanceInfo, HealthRegistry],
})
export class CommonModule {}
