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
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
/**
 * "Now" as the database sees it. Every replica decides what is due, and stamps leases, on this
 * clock, so replicas whose own clocks drift apart still agree. The offset between this host's
 * clock and the database's is measured (half the round trip is taken off) and applied to the
 * injected Clock: in production that is the system clock; in tests a ManualClock stays exact.
 */
let DbClock = class DbClock {
    clock;
    ds;
    logger = new Logger('DbClock');
    offsetMs = 0;
    constructor(clock, ds) {
        this.clock = clock;
        this.ds = ds;
    }
    now() {
        return this.clock.now() + this.offsetMs;
    }
    date() {
        return new Date(this.now());
    }
    get offset() {
        return this.offsetMs;
    }
    async measure() {
        const before = Date.now();
        const [row] = await this.ds.query('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms');
        const after = Date.now();
        const measured = Number(row.ms) - (before + after) / 2;
        // An offset within the round trip cannot be told from zero: the clocks agree (same host, NTP).
        const next = Math.abs(measured) <= Math.max(after - before, 5) ? 0 : Math.round(measured);
        if (Math.abs(next - this.offsetMs) > 250)
            this.logger.log(`database clock offset ${next} ms`);
        this.offsetMs = next;
    }
};
DbClock = __decorate([
    Injectable(),
    __param(1, InjectDataSource()),
    __metadata("design:paramtypes", [Clock, DataSource])
], DbClock);
export { DbClock };
//# sourceMappingURL=db-clock.js.map