import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { IndicatorComputeService } from './indicator-compute.service.js';
import { IndicatorService } from './indicator.service.js';
import { IndicatorsController } from './indicators.controller.js';

/** Indicator series over stored bars: IndicatorService for the alert engine, `POST /indicators/compute` for users. */
@Module({
  imports: [MarketDataModule],
  controllers: [IndicatorsController],
  providers: [IndicatorService, IndicatorComputeService],
  exports: [IndicatorService],
})
export class IndicatorsModule {}
