import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { IndicatorComputeService } from './indicator-compute.service.js';
import { IndicatorService } from './indicator.service.js';
import { IndicatorsController } from './indicators.controller.js';

/** Indicator series over stored bars: `POST /indicators/compute` for users (the alert engine computes its own, alerts/core/indicator-adapter.ts). */
@Module({
  imports: [MarketDataModule],
  controllers: [IndicatorsController],
  providers: [IndicatorService, IndicatorComputeService],
  exports: [IndicatorService],
})
export class IndicatorsModule {}
