var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { NotifyHealth } from './notify.health.js';
/**
 * The notification outbox and its delivery to NOTIFY_URL (CONTRACT §5). The alert engine imports
 * this module and uses NotificationsRepository.enqueue/enqueueMany inside its transaction, then
 * NotificationDispatcher.kick(). DbClock and InstanceInfo come from the scheduler: the same clock
 * and identity as run claims.
 */
let NotificationsModule = class NotificationsModule {
};
NotificationsModule = __decorate([
    Module({
        imports: [SchedulerModule],
        controllers: [NotificationsController],
        providers: [NotificationsRepository, NotificationDispatcher, NotificationsService, NotifyHealth],
        exports: [NotificationsRepository, NotificationDispatcher],
    })
], NotificationsModule);
export { NotificationsModule };
//# sourceMappingURL=notifications.module.js.map