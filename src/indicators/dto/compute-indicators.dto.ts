import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { SYMBOL_PATTERN } from '../../market-data/dto/bars-query.dto.js';
import { TIMEFRAMES, type Timeframe } from '../../market-data/core/timeframe.js';
import { PROVIDER_NAMES } from '../../market-data/provider-set.js';
import { INDICATOR_NAMES, type IndicatorName } from '../core/types.js';

export const MAX_INDICATORS = 50;

/** One indicator to compute; params and output are checked against the registry by the service. */
export class IndicatorRequestDto {
  @IsIn(INDICATOR_NAMES)
  indicator: IndicatorName;

  @IsOptional() @IsObject()
  params?: Record<string, unknown>;

  @IsOptional() @IsString()
  output?: string;
}

/** `POST /indicators/compute` (CONTRACT §2). */
export class ComputeIndicatorsDto {
  @IsString() @Matches(SYMBOL_PATTERN, { message: 'symbol must be 1…64 letters, digits or ^=.-_/:' })
  symbol: string;

  @IsIn(TIMEFRAMES)
  timeframe: Timeframe;

  @IsOptional() @IsIn(PROVIDER_NAMES)
  provider?: string;

  @IsInt() @Min(1) @Max(5000)
  bars: number;

  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_INDICATORS) @ValidateNested({ each: true }) @Type(() => IndicatorRequestDto)
  indicators: IndicatorRequestDto[];
}
