import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SeriesDto } from '../../market-data/dto/bars-query.dto.js';
import { INDICATOR_NAMES, type IndicatorName } from '../core/types.js';

export const MAX_INDICATORS = 50;

/** One indicator to compute; params and output are checked against the registry by the service. */
export class IndicatorRequestDto {
  @IsIn(INDICATOR_NAMES)
  indicator: IndicatorName;

  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @IsOptional()
  @IsString()
  output?: string;
}

/** `POST /indicators/compute` (CONTRACT §2). */
export class ComputeIndicatorsDto extends SeriesDto {
  @IsInt()
  @Min(1)
  @Max(5000)
  bars: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INDICATORS)
  @ValidateNested({ each: true })
  @Type(() => IndicatorRequestDto)
  indicators: IndicatorRequestDto[];
}
