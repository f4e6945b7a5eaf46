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
import { Controller, Get, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../common/admin-token.guard.js';
import { HealthService } from './health.service.js';
/** Kubernetes probes (Terminus) and the operator's detail view. No token: probes carry none. */
let HealthController = class HealthController {
    terminus;
    indicators;
    health;
    constructor(terminus, indicators, health) {
        this.terminus = terminus;
        this.indicators = indicators;
        this.health = health;
    }
    /** Liveness: the process answers and its scheduler loop keeps waking. */
    live() {
        return this.terminus.check([async () => this.indicate('scheduler', this.health.schedulerHealth())]);
    }
    /** Readiness: the database answers and every migration is applied. */
    ready() {
        return this.terminus.check([async () => this.indicate('database', await this.health.database())]);
    }
    /** `{status: healthy|degraded|unhealthy, issues, checks}`; 503 only when unhealthy. */
    async detail(res) {
        const report = await this.health.report();
        res.status(report.status === 'unhealthy' ? 503 : 200);
        return report;
    }
    indicate(key, health) {
        const session = this.indicators.check(key);
        const data = { ...(health.details ?? {}), ...(health.issues?.length ? { issues: health.issues } : {}) };
        return health.status === 'down' ? session.down(data) : session.up(data);
    }
};
__decorate([
    Get('live'),
    HealthCheck(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    Get('ready'),
    HealthCheck(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "ready", null);
__decorate([
    Get(),
    __param(0, Res({ passthrough: true })),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "detail", null);
HealthController = __decorate([
    Public(),
    Controller('health'),
    __metadata("design:paramtypes", [HealthCheckService,
        HealthIndicatorService,
        HealthService])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map