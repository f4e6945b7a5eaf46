import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

/** `GET /notifications?status=&jobId=&limit=&cursor=`. */
export class ListNotificationsQueryDto {
  @IsOptional() @IsIn(['pending', 'sent', 'dead']) status?: 'pending' | 'sent' | 'dead';
  @IsOptional() @IsUUID() jobId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}
