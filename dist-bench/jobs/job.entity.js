var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
let JobEntity = class JobEntity {
    id;
    name;
    type;
    enabled;
    status;
    schedule;
    /** The type's own section (`alert`, `dataSync` or `cleanup` in the JSON). */
    config;
    retry;
    timeoutSeconds;
    misfire;
    overlap;
    /** Type-owned state (an alert's armed/triggered state machine). */
    state;
    /** `api` or `file` (synced from ALERTS_DIR). */
    source;
    /** Bumped on every change; a replica holding an older version cannot claim a run (see RunsRepository.claim). */
    version;
    /** Where `every` schedules count from, and the first bar an alert may evaluate: creation or last resume. */
    anchorAt;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], JobEntity.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], JobEntity.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], JobEntity.prototype, "type", void 0);
__decorate([
    Column({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], JobEntity.prototype, "enabled", void 0);
__decorate([
    Column({ type: 'varchar', length: 16, default: 'active' }),
    __metadata("design:type", String)
], JobEntity.prototype, "status", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], JobEntity.prototype, "schedule", void 0);
__decorate([
    Column({ type: 'jsonb', default: {} }),
    __metadata("design:type", Object)
], JobEntity.prototype, "config", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], JobEntity.prototype, "retry", void 0);
__decorate([
    Column({ name: 'timeout_seconds', type: 'integer' }),
    __metadata("design:type", Number)
], JobEntity.prototype, "timeoutSeconds", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], JobEntity.prototype, "misfire", void 0);
__decorate([
    Column({ type: 'varchar', length: 8, default: 'skip' }),
    __metadata("design:type", String)
], JobEntity.prototype, "overlap", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], JobEntity.prototype, "state", void 0);
__decorate([
    Column({ type: 'varchar', length: 16, default: 'api' }),
    __metadata("design:type", String)
], JobEntity.prototype, "source", void 0);
__decorate([
    Column({ type: 'integer', default: 1 }),
    __metadata("design:type", Number)
], JobEntity.prototype, "version", void 0);
__decorate([
    Column({ name: 'anchor_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], JobEntity.prototype, "anchorAt", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], JobEntity.prototype, "createdAt", void 0);
__decorate([
    UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], JobEntity.prototype, "updatedAt", void 0);
JobEntity = __decorate([
    Entity({ name: 'jobs' })
], JobEntity);
export { JobEntity };
//# sourceMappingURL=job.entity.js.map