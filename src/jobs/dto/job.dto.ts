import { Type } from 'class-transformer';
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
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { JOB_TYPE_NAMES, type JobType } from '../job-types/job-types.js';

export class RetryDto {
  @IsInt() @Min(1) @Max(100) maxAttempts: number;
  @IsInt() @Min(0) @Max(86400) backoffSeconds: number;
}

export class MisfireDto {
  @IsInt() @Min(0) @Max(7 * 86400) graceSeconds: number;
  @IsIn(['skip', 'runOnce', 'backfill']) policy: 'skip' | 'runOnce' | 'backfill';
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
  @IsOptional() @ValidateNested() @Type(() => RetryDto) retry?: RetryDto;
  @IsOptional() @IsInt() @Min(1) @Max(86400) timeoutSeconds?: number;
  @IsOptional() @ValidateNested() @Type(() => MisfireDto) misfire?: MisfireDto;
  @IsOptional() @IsIn(['skip', 'queue', 'allow']) overlap?: 'skip' | 'queue' | 'allow';
}

// Each job type's section is an optional object property of the body.
for (const type of JOB_TYPE_NAMES) {
  IsOptional()(JobDto.prototype, type);
  IsObject()(JobDto.prototype, type);
}

/** `POST /jobs/bulk`: items are checked one by one so the answer names every bad item's index. */
export class BulkJobsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) jobs: unknown[];
}

export class ListJobsQueryDto {
  @IsOptional() @IsIn(JOB_TYPE_NAMES) type?: string;
  @IsOptional() @IsIn(['true', 'false']) enabled?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
