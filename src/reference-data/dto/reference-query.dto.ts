import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SYMBOL } from '../core/data-job-config.js';

const SYMBOL_MESSAGE = 'symbol must be 1…64 letters, digits or ^=.-_/:';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /market-data/quotes?symbols=AAPL,MSFT`. */
export class QuotesQueryDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsArray()
  @ArrayMinSize(1, { message: 'symbols must list at least one symbol (symbols=AAPL,MSFT)' })
  @ArrayMaxSize(500)
  @Matches(SYMBOL, {
    each: true,
    message: 'symbols must be comma-separated symbols of 1…64 letters, digits or ^=.-_/:',
  })
  symbols: string[];
}

/** A page of a list (CONTRACT §4a: limit ≤ 500, default 50; an opaque cursor). */
export class PagedQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

/** `GET /market-data/earnings?symbol=&from=&to=`: calendar dates, both inclusive. */
export class EarningsQueryDto extends PagedQueryDto {
  @IsOptional() @Matches(SYMBOL, { message: SYMBOL_MESSAGE }) symbol?: string;
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a valid calendar date' })
  from?: string;
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a valid calendar date' })
  to?: string;
}

/** `GET /market-data/news?symbol=&from=&to=&limit=`: by publication time, `from` inclusive, `to` exclusive. */
export class NewsQueryDto extends PagedQueryDto {
  @IsOptional() @Matches(SYMBOL, { message: SYMBOL_MESSAGE }) symbol?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' }) to?: string;
}

/** `GET /market-data/economic-events?from=&to=&country=`: by event time, `from` inclusive, `to` exclusive. */
export class EconomicEventsQueryDto extends PagedQueryDto {
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 code such as US' }) country?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' }) to?: string;
}

/** `GET /market-data/options/:symbol?expiration=YYYY-MM-DD`. */
export class OptionsQueryDto {
  @IsOptional()
  @Matches(DATE, { message: 'expiration must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'expiration must be a valid calendar date' })
  expiration?: string;
}
