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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
/** The deployment-wide pause flag (one row), shared by every replica. */
let SchedulerStateRepository = class SchedulerStateRepository {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    async isPaused() {
        const [row] = await this.ds.query('SELECT paused FROM scheduler_state WHERE id = 1');
        return Boolean(row?.paused);
    }
    async setPaused(paused) {
        await this.ds.query('UPDATE scheduler_state SET paused = $1, updated_at = now() WHERE id = 1', [paused]);
    }
    /** A cheap round trip for readiness. */
    async ping() {
        await this.ds.query('SELECT 1');
    }
};
SchedulerStateRepository = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [DataSource])
], SchedulerStateRepository);
export { SchedulerStateRepository };
//# sourceMappingURL=scheduler-state.repository.js.map