var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
let JobRunEntity = class JobRunEntity {
    id;
    jobId;
    scheduledFor;
    trigger;
    status;
    attempt;
    instanceId;
    leaseUntil;
    startedAt;
    finishedAt;
    result;
    error;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn('uuid'),
    __metadata("design:type", String)
], JobRunEntity.prototype, "id", void 0);
__decorate([
    Column({ name: 'job_id', type: 'uuid' }),
    __metadata("design:type", String)
], JobRunEntity.prototype, "jobId", void 0);
__decorate([
    Column({ name: 'scheduled_for', type: 'timestamptz' }),
    __metadata("design:type", Date)
], JobRunEntity.prototype, "scheduledFor", void 0);
__decorate([
    Column({ type: 'varchar', length: 16, default: 'schedule' }),
    __metadata("design:type", String)
], JobRunEntity.prototype, "trigger", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], JobRunEntity.prototype, "status", void 0);
__decorate([
    Column({ type: 'integer', default: 1 }),
    __metadata("design:type", Number)
], JobRunEntity.prototype, "attempt", void 0);
__decorate([
    Column({ name: 'instance_id', type: 'varchar', length: 100, nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "instanceId", void 0);
__decorate([
    Column({ name: 'lease_until', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "leaseUntil", void 0);
__decorate([
    Column({ name: 'started_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "startedAt", void 0);
__decorate([
    Column({ name: 'finished_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "finishedAt", void 0);
__decorate([
    Column({ type: 'jsonb', nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "result", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], JobRunEntity.prototype, "error", void 0);
__decorate([
    CreateDateColumn({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], JobRunEntity.prototype, "createdAt", void 0);
JobRunEntity = __decorate([
    Entity({ name: 'job_runs' })
], JobRunEntity);
export { JobRunEntity };
//# sourceMappingURL=job-run.entity.js.map