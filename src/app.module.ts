import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module.js';
import { CommonModule } from './common/common.module.js';
import { withStoredAdminToken } from './config/admin-token-file.js';
import { configFromEnvironment, type AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IndicatorsModule } from './indicators/indicators.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MarketDataModule } from './market-data/market-data.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';

@Module({})
export class AppModule {
  /** `config` is for tests; the service validates its environment (ConfigModule). */
  static forRoot(config?: AppConfig): DynamicModule {
    const resolved = config ?? withStoredAdminToken(configFromEnvironment());
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(resolved),
        LoggingModule.forRoot(resolved),
        CommonModule,
        ScheduleModule.forRoot(),
        DatabaseModule,
        MetricsModule,
        JobsModule,
        SchedulerModule,
        HealthModule,
        NotificationsModule,
        MarketDataModule,
        IndicatorsModule,
        AlertsModule,
      ],
    };
  }
}
