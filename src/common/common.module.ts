import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Timers } from '../base/time/timers.js';
import { MathRandom, Random } from '../base/resilience/backoff.js';
import { DbClock } from '../base/time/db-clock.js';
import { InstanceInfo } from '../base/time/instance-info.js';
import { AdminToken, AdminTokenGuard } from './admin-token.guard.js';
import { Clock, SystemClock } from '../base/time/clock.js';
import { DomainErrorFilter } from './domain-error.filter.js';
import { FailedAuthGuard } from './failed-auth.guard.js';
import { RedactAnswersInterceptor } from './redact-answers.interceptor.js';
import { HealthRegistry } from './health-registry.js';
import { ScheduledTimers } from './scheduled-timers.js';

/**
 * What every module shares: the clock and timers (tests override both), the database's clock and this
 * replica's identity (the same for run claims and outbox leases), the health registry each part
 * reports into, the token guard (after the throttle of failed authentications: guards run in the
 * order registered) and the error filter.
 */
@Global()
@Module({
  providers: [
    AdminToken,
    { provide: APP_GUARD, useClass: FailedAuthGuard },
    { provide: Clock, useClass: SystemClock },
    { provide: Timers, useClass: ScheduledTimers },
    { provide: Random, useClass: MathRandom },
    DbClock,
    InstanceInfo,
    HealthRegistry,
    { provide: APP_GUARD, useClass: AdminTokenGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    { provide: APP_INTERCEPTOR, useClass: RedactAnswersInterceptor },
  ],
  exports: [Clock, Timers, Random, DbClock, InstanceInfo, HealthRegistry, AdminToken],
})
export class CommonModule {}
