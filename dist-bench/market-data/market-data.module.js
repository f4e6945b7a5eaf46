var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CleanupHandler } from '../jobs/job-types/cleanup.handler.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { BarsRepository } from './bars.repository.js';
import { DataManager } from './data-manager.service.js';
import { DataSyncHandler } from './data-sync.handler.js';
import { MarketDataController } from './market-data.controller.js';
import { MarketDataService } from './market-data.service.js';
import { ProviderHealth } from './provider.health.js';
import { buildProviders, MARKET_DATA_PROVIDERS } from './provider-set.js';
/**
 * Market data (CONTRACT §6): the providers behind one failover chain, the `bars` store, the
 * `dataSync` job type and `GET /market-data/bars`. Other modules use DataManager.
 */
let MarketDataModule = class MarketDataModule {
    cleanup;
    bars;
    constructor(cleanup, bars) {
        this.cleanup = cleanup;
        this.bars = bars;
    }
    onModuleInit() {
        this.cleanup.addTarget({ field: 'barsOlderThanDays', purgeBefore: (before) => this.bars.purgeBefore(before) });
    }
};
MarketDataModule = __decorate([
    Module({
        imports: [JobsModule],
        controllers: [MarketDataController],
        providers: [
            { provide: MARKET_DATA_PROVIDERS, inject: [APP_CONFIG, Clock, MetricsService], useFactory: buildProviders },
            BarsRepository, DataManager, MarketDataService, DataSyncHandler, ProviderHealth,
        ],
        exports: [DataManager, BarsRepository, MARKET_DATA_PROVIDERS],
    }),
    __metadata("design:paramtypes", [CleanupHandler, BarsRepository])
], MarketDataModule);
export { MarketDataModule };
//# sourceMappingURL=market-data.module.js.map