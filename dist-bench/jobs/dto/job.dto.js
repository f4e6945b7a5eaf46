var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested, } from 'class-validator';
export const JOB_TYPES = ['alert', 'dataSync', 'cleanup'];
export class RetryDto {
    maxAttempts;
    backoffSeconds;
}
__decorate([
    IsInt(),
    Min(1),
    Max(100),
    __metadata("design:type", Number)
], RetryDto.prototype, "maxAttempts", void 0);
__decorate([
    IsInt(),
    Min(0),
    Max(86400),
    __metadata("design:type", Number)
], RetryDto.prototype, "backoffSeconds", void 0);
export class MisfireDto {
    graceSeconds;
    policy;
}
__decorate([
    IsInt(),
    Min(0),
    Max(7 * 86400),
    __metadata("design:type", Number)
], MisfireDto.prototype, "graceSeconds", void 0);
__decorate([
    IsIn(['skip', 'runOnce', 'backfill']),
    __metadata("design:type", String)
], MisfireDto.prototype, "policy", void 0);
/**
 * A job body (CONTRACT §3), as POSTed or PUT. The shape is checked here; `schedule` and the
 * type's own section (`alert`, `dataSync`, `cleanup`) are checked by the scheduler core and the
 * type's handler, which know their rules (see JobSpecParser).
 */
export class JobDto {
    name;
    type;
    enabled;
    schedule;
    alert;
    dataSync;
    cleanup;
    retry;
    timeoutSeconds;
    misfire;
    overlap;
}
__decorate([
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], JobDto.prototype, "name", void 0);
__decorate([
    IsIn(JOB_TYPES),
    __metadata("design:type", Object)
], JobDto.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsBoolean(),
    __metadata("design:type", Boolean)
], JobDto.prototype, "enabled", void 0);
__decorate([
    IsObject(),
    __metadata("design:type", Object)
], JobDto.prototype, "schedule", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], JobDto.prototype, "alert", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], JobDto.prototype, "dataSync", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], JobDto.prototype, "cleanup", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => RetryDto),
    __metadata("design:type", RetryDto)
], JobDto.prototype, "retry", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    Max(86400),
    __metadata("design:type", Number)
], JobDto.prototype, "timeoutSeconds", void 0);
__decorate([
    IsOptional(),
    ValidateNested(),
    Type(() => MisfireDto),
    __metadata("design:type", MisfireDto)
], JobDto.prototype, "misfire", void 0);
__decorate([
    IsOptional(),
    IsIn(['skip', 'queue', 'allow']),
    __metadata("design:type", String)
], JobDto.prototype, "overlap", void 0);
/** `POST /jobs/bulk`: items are checked one by one so the answer names every bad item's index. */
export class BulkJobsDto {
    jobs;
}
__decorate([
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(10_000),
    __metadata("design:type", Array)
], BulkJobsDto.prototype, "jobs", void 0);
export class ListJobsQueryDto {
    type;
    enabled;
    limit;
    cursor;
}
__decorate([
    IsOptional(),
    IsIn(JOB_TYPES),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "type", void 0);
__decorate([
    IsOptional(),
    IsIn(['true', 'false']),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "enabled", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], ListJobsQueryDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], ListJobsQueryDto.prototype, "cursor", void 0);
export class PageQueryDto {
    limit;
    cursor;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
    __metadata("design:type", Number)
], PageQueryDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], PageQueryDto.prototype, "cursor", void 0);
//# sourceMappingURL=job.dto.js.map