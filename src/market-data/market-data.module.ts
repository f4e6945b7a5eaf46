import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../base/time/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CleanupHandler } from '../jobs/job-types/cleanup.handler.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { BarEntity } from './bar.entity.js';
import { BarsRepository } from './bars.repository.js';
import { DataManager } from './data-manager.service.js';
import { DataSyncHandler } from './data-sync.handler.js';
import { MarketDataController } from './market-data.controller.js';
import { MarketDataService } from './market-data.service.js';
import { ProviderHealth } from './provider.health.js';
import { buildProviders, MARKET_DATA_PROVIDERS } from './provider-set.js';
import { KlineStreamService } from './streams/kline-stream.service.js';

/**
 * Market data (CONTRACT §6): the providers behind one failover chain, the `bars` store, the
 * `dataSync` job type and `GET /market-data/bars`. Other modules use DataManager.
 */
@Module({
  imports: [JobsModule, TypeOrmModule.forFeature([BarEntity])],
  controllers: [MarketDataController],
  providers: [
    { provide: MARKET_DATA_PROVIDERS, inject: [APP_CONFIG, Clock, MetricsService], useFactory: buildProviders },
    BarsRepository,
    DataManager,
    MarketDataService,
    DataSyncHandler,
    ProviderHealth,
    KlineStreamService,
  ],
  exports: [DataManager, BarsRepository, MARKET_DATA_PROVIDERS, KlineStreamService],
})
export class MarketDataModule implements OnModuleInit {
  constructor(
    private readonly cleanup: CleanupHandler,
    private readonly bars: BarsRepository,
  ) {}

  onModuleInit(): void {
    this.cleanup.addTarget({ field: 'barsOlderThanDays', purgeBefore: (before) => this.bars.purgeBefore(before) });
  }
}
