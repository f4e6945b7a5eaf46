import { Controller, Get, Query } from '@nestjs/common';
import { BarsQueryDto } from './dto/bars-query.dto.js';
import { MarketDataService } from './market-data.service.js';

@Controller('market-data')
export class MarketDataController {
  constructor(private readonly marketData: MarketDataService) {}

  /** Closed bars as the service sees them (store, then provider), CONTRACT §2. */
  @Get('bars')
  bars(@Query() query: BarsQueryDto) {
    return this.marketData.bars(query);
  }
}
