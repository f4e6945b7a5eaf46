import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Max,
  Min,
  NotContains,
  ValidateNested,
} from 'class-validator';

import { JOB_TYPE_NAMES, type JobType } from '../job-types/job-types.js';

/** A pause note is a sentence or two for the next operator, not a document. */
export const MAX_PAUSE_NOTE = 500;

/**
 * Defaults are field initialisers: class-transformer builds the DTO with them and then copies the
 * fields the body has, so `{"maxAttempts": 2}` is checked as `{"maxAttempts": 2, "backoffSeconds": 5}`
 * (defaults apply before validation). An explicit `null` is still refused.
 */
export class RetryDto {
  @IsInt() @Min(1) @Max(100) maxAttempts: number = 3;
  @IsInt() @Min(0) @Max(86400) backoffSeconds: number = 5;
}

export class MisfireDto {
  @IsInt() @Min(0) @Max(7 * 86400) graceSeconds: number = 300;
  @IsIn(['skip', 'runOnce', 'backfill']) policy: 'skip' | 'runOnce' | 'backfill' = 'runOnce';
}

/** A job's own notifications (CONTRACT §8, seed 003's notify.on_success/on_failure). */
export class JobNotifyDto {
  @IsOptional() @IsBoolean() onFailure?: boolean;
  @IsOptional() @IsBoolean() onSuccess?: boolean;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  channels?: string[];
  @IsOptional() @IsString() @Length(1, 200) recipient?: string;
  @IsOptional() @IsIn(['low', 'normal', 'high']) priority?: string;
}

/**
 * A job body (CONTRACT §3), as POSTed or PUT. The shape is checked here; `schedule` and the
 * type's own section (`alert`, `dataSync`, `cleanup` … one per entry of JOB_TYPES) are checked by
 * the scheduler core and the type's definition, which know their rules (see JobSpecParser).
 */
export class JobDto {
  @IsString() @Length(1, 200) name: string;
  @IsIn(JOB_TYPE_NAMES) type: JobType;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsObject() schedule: Record<string, unknown>;
  /** The sections, one optional object per job type (declared below from the JOB_TYPES table). */
  [section: string]: unknown;
  @IsOptional() @ValidateNested() @Type(() => JobNotifyDto) notify?: JobNotifyDto;
  @IsOptional() @ValidateNested() @Type(() => RetryDto) retry?: RetryDto;
  @IsOptional() @IsInt() @Min(1) @Max(86400) timeoutSeconds?: number;
  @IsOptional() @ValidateNested() @Type(() => MisfireDto) misfire?: MisfireDto;
  @IsOptional() @IsIn(['skip', 'queue', 'allow']) overlap?: 'skip' | 'queue' | 'allow';
  /** Pause the job after this many failed (or timed out) runs in a row. */
  @IsOptional() @IsInt() @Min(1) @Max(1000) pauseOnFailures?: number;
}

// Each job type's section is an optional object property of the body.
for (const type of JOB_TYPE_NAMES) {
  IsOptional()(JobDto.prototype, type);
  IsObject()(JobDto.prototype, type);
}

/** `POST /jobs/bulk`: items are checked one by one so the answer names every bad item's index. */
/** `POST /jobs/:id/pause` (the body is optional). */
export class PauseJobDto {
  @IsOptional()
  @IsString()
  @Length(1, MAX_PAUSE_NOTE)
  @NotContains('\u0000', { message: 'note must not contain a NUL character' })
  note?: string;
}

export class BulkJobsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) jobs: unknown[];
}

export class ListJobsQueryDto {
  @IsOptional() @IsIn(JOB_TYPE_NAMES) type?: string;
  @IsOptional() @IsIn(['true', 'false']) enabled?: 'true' | 'false';
  /** Part of the name, case-insensitive (`%` and `_` are literal). */
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  /** The `status` of the job's current state: an alert's `armed`, `triggered`, `expired` or `done`. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{1,32}$/, { message: 'state must be a state name such as armed or triggered' })
  state?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export const RUN_STATUSES = ['running', 'queued', 'succeeded', 'failed', 'skipped', 'timedOut'] as const;

/** `GET /runs?status=failed,timedOut&limit=&cursor=`: runs of every job, newest first. */
export class ListRunsQueryDto {
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',') : value))
  @IsIn(RUN_STATUSES, { each: true })
  status?: string[];
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

/** `GET /runs/instances?withinMinutes=`: replicas that started a run lately. */
export class InstancesQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1440) withinMinutes?: number;
}
