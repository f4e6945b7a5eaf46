var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
/**
 * One stored closed bar (table `bars`, migration 1767225600001). Reads and writes go through
 * BarsRepository's SQL; the entity documents the table for TypeORM and the schema check.
 */
let BarEntity = class BarEntity {
    provider;
    symbol;
    timeframe;
    openTime;
    open;
    high;
    low;
    close;
    volume;
    fetchedAt;
};
__decorate([
    PrimaryColumn({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], BarEntity.prototype, "provider", void 0);
__decorate([
    PrimaryColumn({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], BarEntity.prototype, "symbol", void 0);
__decorate([
    PrimaryColumn({ type: 'varchar', length: 8 }),
    __metadata("design:type", String)
], BarEntity.prototype, "timeframe", void 0);
__decorate([
    PrimaryColumn({ name: 'open_time', type: 'timestamptz' }),
    __metadata("design:type", Date)
], BarEntity.prototype, "openTime", void 0);
__decorate([
    Column({ type: 'double precision' }),
    __metadata("design:type", Number)
], BarEntity.prototype, "open", void 0);
__decorate([
    Column({ type: 'double precision' }),
    __metadata("design:type", Number)
], BarEntity.prototype, "high", void 0);
__decorate([
    Column({ type: 'double precision' }),
    __metadata("design:type", Number)
], BarEntity.prototype, "low", void 0);
__decorate([
    Column({ type: 'double precision' }),
    __metadata("design:type", Number)
], BarEntity.prototype, "close", void 0);
__decorate([
    Column({ type: 'double precision' }),
    __metadata("design:type", Number)
], BarEntity.prototype, "volume", void 0);
__decorate([
    Column({ name: 'fetched_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], BarEntity.prototype, "fetchedAt", void 0);
BarEntity = __decorate([
    Entity({ name: 'bars' })
], BarEntity);
export { BarEntity };
//# sourceMappingURL=bar.entity.js.map