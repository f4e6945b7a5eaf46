var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, NotFoundException, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module.js';
const PUBLIC = 'market-scheduler:public';
/** Marks a controller or route as open (health probes and metrics). Everything else needs the token. */
export const Public = () => SetMetadata(PUBLIC, true);
let AdminTokenGuard = class AdminTokenGuard {
    reflector;
    expected;
    workerOnly;
    constructor(reflector, config) {
        this.reflector = reflector;
        this.expected = Buffer.from(config.adminToken);
        this.workerOnly = config.scheduler.mode === 'worker';
    }
    canActivate(context) {
        if (this.reflector.getAllAndOverride(PUBLIC, [context.getHandler(), context.getClass()]))
            return true;
        // SCHEDULER_MODE=worker serves probes and metrics only; the admin API lives on the `api`/`all` replicas.
        if (this.workerOnly)
            throw new NotFoundException('this replica runs in SCHEDULER_MODE=worker and serves no admin API');
        const header = context.switchToHttp().getRequest().headers.authorization ?? '';
        const match = /^Bearer (\S+)$/.exec(header);
        const given = Buffer.from(match?.[1] ?? '');
        if (given.length === this.expected.length && timingSafeEqual(given, this.expected))
            return true;
        throw new UnauthorizedException('a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required');
    }
};
AdminTokenGuard = __decorate([
    Injectable(),
    __param(1, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Reflector, Object])
], AdminTokenGuard);
export { AdminTokenGuard };
//# sourceMappingURL=admin-token.guard.js.map