import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import { PROVIDER_NAMES } from '../providers/provider-table.js';

export const MAX_BARS = 5000;
export const DEFAULT_BARS = 500;
/** What any vendor spells a symbol with: `BTCUSDT`, `BRK.B`, `^GSPC`, `EURUSD=X`. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;

/** A series named the way every market-data route names it: symbol, timeframe, optional provider. */
export class SeriesDto {
  @IsString()
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 1…64 letters, digits or ^=.-_/:' })
  symbol: string;

  @IsIn(TIMEFRAMES)
  timeframe: Timeframe;

  @IsOptional()
  @IsIn(PROVIDER_NAMES)
  provider?: string;
}

/** `GET /market-data/bars` (CONTRACT §2): `from` inclusive, `to` exclusive, by openTime. */
export class BarsQueryDto extends SeriesDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BARS)
  limit?: number;
}
