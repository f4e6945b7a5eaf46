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
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { IdPipe } from '../common/id.pipe.js';
import { PageQueryDto } from '../jobs/dto/job.dto.js';
import { AlertsService } from './alerts.service.js';
let AlertsController = class AlertsController {
    alerts;
    constructor(alerts) {
        this.alerts = alerts;
    }
    events(id, query) {
        return this.alerts.listEvents(id, query);
    }
    /** Body `{alert, bars?: N, from?, to?}`: checked by the alert core, which names every field path. */
    preview(body) {
        return this.alerts.preview(body);
    }
};
__decorate([
    Get('jobs/:id/events'),
    __param(0, Param('id', IdPipe)),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, PageQueryDto]),
    __metadata("design:returntype", void 0)
], AlertsController.prototype, "events", null);
__decorate([
    Post('alerts/preview'),
    HttpCode(200),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AlertsController.prototype, "preview", null);
AlertsController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [AlertsService])
], AlertsController);
export { AlertsController };
//# sourceMappingURL=alerts.controller.js.map