import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { IndicatorComputeService } from './indicator-compute.service.js';
import { IndicatorService } from './indicator.service.js';
import { IndicatorsController } from './indicators.controller.js';

/** Indicator series: `POST /indicators/compute`, and the one cache of indicator values the alert engine and previews read too. */
@Module({
  imports: [MarketDataModule],
  controllers: [IndicatorsController],
  providers: [IndicatorService, IndicatorComputeService],
  exports: [IndicatorService],
})
export class IndicatorsModule {}
