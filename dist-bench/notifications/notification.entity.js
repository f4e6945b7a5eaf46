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
/** One row of the outbox (migration 1767225600002). Queries are raw SQL in NotificationsRepository. */
let NotificationEntity = class NotificationEntity {
    id;
    idempotencyKey;
    /** Null once the job is deleted: what it triggered is still delivered. */
    jobId;
    payload;
    status;
    attempts;
    nextAttemptAt;
    lastError;
    lastStatusCode;
    /** The endpoint's answer to the last attempt, truncated. */
    lastResponse;
    createdAt;
    sentAt;
    /** The replica delivering it right now, until `claimedUntil` (its lease). */
    claimedBy;
    claimedUntil;
};
__decorate([
    PrimaryColumn('uuid'),
    __metadata("design:type", String)
], NotificationEntity.prototype, "id", void 0);
__decorate([
    Column({ name: 'idempotency_key', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], NotificationEntity.prototype, "idempotencyKey", void 0);
__decorate([
    Column({ name: 'job_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "jobId", void 0);
__decorate([
    Column({ type: 'jsonb' }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "payload", void 0);
__decorate([
    Column({ type: 'varchar', length: 16, default: 'pending' }),
    __metadata("design:type", String)
], NotificationEntity.prototype, "status", void 0);
__decorate([
    Column({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], NotificationEntity.prototype, "attempts", void 0);
__decorate([
    Column({ name: 'next_attempt_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], NotificationEntity.prototype, "nextAttemptAt", void 0);
__decorate([
    Column({ name: 'last_error', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "lastError", void 0);
__decorate([
    Column({ name: 'last_status_code', type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "lastStatusCode", void 0);
__decorate([
    Column({ name: 'last_response', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "lastResponse", void 0);
__decorate([
    Column({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], NotificationEntity.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'sent_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "sentAt", void 0);
__decorate([
    Column({ name: 'claimed_by', type: 'varchar', length: 100, nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "claimedBy", void 0);
__decorate([
    Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], NotificationEntity.prototype, "claimedUntil", void 0);
NotificationEntity = __decorate([
    Entity({ name: 'notifications' })
], NotificationEntity);
export { NotificationEntity };
//# sourceMappingURL=notification.entity.js.map