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

export const JOB_TYPES = ['alert', 'dataSync', 'cleanup'] as const;

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

/**
 * A job body (CONTRACT §3), as POSTed or PUT. The shape is checked here; `schedule` and the
 * type's own section (`alert`, `dataSync`, `cleanup`) are checked by the scheduler core and the
 * type's handler, which know their rules (see JobSpecParser).
 */
export class JobDto {
  @IsString() @Length(1, 200) name: string;
  @IsIn(JOB_TYPES) type: (typeof JOB_TYPES)[number];
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsObject() schedule: Record<string, unknown>;
  @IsOptional() @IsObject() alert?: Record<string, unknown>;
  @IsOptional() @IsObject() dataSync?: Record<string, unknown>;
  @IsOptional() @IsObject() cleanup?: Record<string, unknown>;
  @IsOptional() @ValidateNested() @Type(() => RetryDto) retry?: RetryDto;
  @IsOptional() @IsInt() @Min(1) @Max(86400) timeoutSeconds?: number;
  @IsOptional() @ValidateNested() @Type(() => MisfireDto) misfire?: MisfireDto;
  @IsOptional() @IsIn(['skip', 'queue', 'allow']) overlap?: 'skip' | 'queue' | 'allow';
}

/** `POST /jobs/bulk`: items are checked one by one so the answer names every bad item's index. */
export class BulkJobsDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) jobs: unknown[];
}

export class ListJobsQueryDto {
  @IsOptional() @IsIn(JOB_TYPES) type?: string;
  @IsOptional() @IsIn(['true', 'false']) enabled?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
