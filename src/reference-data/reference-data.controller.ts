import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  EarningsQueryDto,
  EconomicEventsQueryDto,
  NewsQueryDto,
  OptionsQueryDto,
  QuotesQueryDto,
} from './dto/reference-query.dto.js';
import { ReferenceDataService } from './reference-data.service.js';

/** What the data job types stored (CONTRACT §8). */
@Controller('market-data')
export class ReferenceDataController {
  constructor(private readonly data: ReferenceDataService) {}

  @Get('quotes')
  quotes(@Query() q: QuotesQueryDto) {
    return this.data.quotes(q);
  }

  @Get('company/:symbol')
  company(@Param('symbol') symbol: string) {
    return this.data.company(symbol);
  }

  @Get('earnings')
  earnings(@Query() q: EarningsQueryDto) {
    return this.data.earnings(q);
  }

  @Get('news')
  news(@Query() q: NewsQueryDto) {
    return this.data.news(q);
  }

  @Get('economic-events')
  economicEvents(@Query() q: EconomicEventsQueryDto) {
    return this.data.economicEvents(q);
  }

  @Get('options/:symbol')
  options(@Param('symbol') symbol: string, @Query() q: OptionsQueryDto) {
    return this.data.options(symbol, q);
  }
}
