import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../jobs/jobs.module.js';
import { CleanupHandler } from '../jobs/job-types/cleanup.handler.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { DigestsRepository } from './digests.repository.js';
import { NotificationsService } from './notifications.service.js';
import { NotifyHealth } from './notify.health.js';
import { JobNotifier } from './job-notifier.js';

/**
 * The notification outbox and its delivery to NOTIFY_URL (CONTRACT §5). The alert engine imports
 * this module and uses NotificationsRepository.enqueue/enqueueMany inside its transaction, then
 * NotificationDispatcher.kick(). DbClock and InstanceInfo come from CommonModule: the same clock
 * and identity as run claims.
 */
@Module({
  imports: [JobsModule, TypeOrmModule.forFeature([NotificationEntity])],
  controllers: [NotificationsController],
  providers: [
    NotificationsRepository,
    DigestsRepository,
    NotificationDispatcher,
    NotificationsService,
    NotifyHealth,
    JobNotifier,
  ],
  exports: [NotificationsRepository, NotificationDispatcher],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly cleanup: CleanupHandler,
    private readonly repo: NotificationsRepository,
  ) {}

  onModuleInit(): void {
    this.cleanup.addTarget({
      field: 'notificationsOlderThanDays',
      purgeBefore: (before) => this.repo.purgeFinishedBefore(before),
    });
  }
}
