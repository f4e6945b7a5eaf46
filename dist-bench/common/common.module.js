var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { RealTimers, Timers } from '../scheduler/timers.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { Clock, SystemClock } from './clock.js';
import { DomainErrorFilter } from './domain-error.filter.js';
/** The clock and timers every module shares (tests override both), the token guard and the error filter. */
let CommonModule = class CommonModule {
};
CommonModule = __decorate([
    Global(),
    Module({
        providers: [
            { provide: Clock, useClass: SystemClock },
            { provide: Timers, useClass: RealTimers },
            { provide: APP_GUARD, useClass: AdminTokenGuard },
            { provide: APP_FILTER, useClass: DomainErrorFilter },
        ],
        exports: [Clock, Timers],
    })
], CommonModule);
export { CommonModule };
//# sourceMappingURL=common.module.js.map