import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RealTimers, Timers } from '../scheduler/timers.js';
import { AdminToken, AdminTokenGuard } from './admin-token.guard.js';
import { Clock, SystemClock } from './clock.js';
import { DomainErrorFilter } from './domain-error.filter.js';
import { FailedAuthGuard } from './failed-auth.guard.js';

/**
 * The clock and timers every module shares (tests override both), the token guard (after the
 * throttle of failed authentications: guards run in the order registered) and the error filter.
 */
@Global()
@Module({
  providers: [
    AdminToken,
    { provide: APP_GUARD, useClass: FailedAuthGuard },
    { provide: Clock, useClass: SystemClock },
    { provide: Timers, useClass: RealTimers },
    { provide: APP_GUARD, useClass: AdminTokenGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
  ],
  exports: [Clock, Timers, AdminToken],
})
export class CommonModule {}
