import { Module, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '../common/health-registry.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AlertEngine } from './alert-engine.service.js';
import { AlertEventsRepository } from './alert-events.repository.js';
import { AlertPassRepository } from './alert-pass.repository.js';
import { AlertHandler } from './alert.handler.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { AlertStreamTrigger } from './alert-stream.trigger.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { IndicatorsModule } from '../indicators/indicators.module.js';

@Module({
  imports: [JobsModule, MarketDataModule, NotificationsModule, SchedulerModule, IndicatorsModule],
  controllers: [AlertsController],
  providers: [AlertEngine, AlertEventsRepository, AlertPassRepository, AlertHandler, AlertsService, AlertStreamTrigger],
  exports: [AlertEngine],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    private readonly engine: AlertEngine,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'alerts',
      check: async () => {
        const issues = [...this.engine.failing.issues(), ...this.engine.stale.issues()];
        return issues.length ? { status: 'degraded', issues } : { status: 'up' };
      },
    });
  }
}
