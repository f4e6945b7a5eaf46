import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RealTimers, Timers } from '../scheduler/timers.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { Clock, SystemClock } from './clock.js';
import { DomainErrorFilter } from './domain-error.filter.js';

/** The clock and timers every module shares (tests override both), the token guard and the error filter. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: Timers, useClass: RealTimers },
    { provide: APP_GUARD, useClass: AdminTokenGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
  ],
  exports: [Clock, Timers],
})
export class CommonModule {}
