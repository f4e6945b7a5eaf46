import { Module, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { MARKET_DATA_PROVIDERS } from '../market-data/provider-set.js';
import { DATA_KINDS } from './core/reference-source.js';
import { DataJobHandler } from './data-job.handler.js';
import { ReferenceDataController } from './reference-data.controller.js';
import { ReferenceDataRepository } from './reference-data.repository.js';
import { ReferenceDataService } from './reference-data.service.js';
import { ReferenceFetcher } from './reference-fetcher.js';
import { buildReferenceSources, REFERENCE_SOURCES } from './reference-sources.js';

/**
 * Seed 001's data jobs (CONTRACT §8): `quotes`, `companyInfo`, `earnings`, `news`,
 * `economicEvents`, `optionsChain`. Vendor adapters per kind behind each vendor's shared limiter and
 * breaker, one table per kind, and the read routes under /market-data.
 */
@Module({
  imports: [JobsModule, MarketDataModule],
  controllers: [ReferenceDataController],
  providers: [
    {
      provide: REFERENCE_SOURCES,
      inject: [APP_CONFIG, Clock, MARKET_DATA_PROVIDERS],
      useFactory: buildReferenceSources,
    },
    ReferenceFetcher,
    ReferenceDataRepository,
    ReferenceDataService,
  ],
  exports: [ReferenceFetcher, ReferenceDataRepository],
})
export class ReferenceDataModule implements OnModuleInit {
  constructor(
    private readonly registry: JobTypeRegistry,
    private readonly fetcher: ReferenceFetcher,
    private readonly repo: ReferenceDataRepository,
    private readonly clock: Clock,
  ) {}

  /** Every data job type, registered in this one place. */
  onModuleInit(): void {
    const deps = { fetcher: this.fetcher, repo: this.repo, now: () => this.clock.now() };
    for (const kind of DATA_KINDS) this.registry.register(new DataJobHandler(kind, deps));
  }
}
