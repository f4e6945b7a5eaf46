export * from './core/index.js';
export { NotificationDispatcher } from './notification-dispatcher.js';
export { NotificationsModule } from './notifications.module.js';
export { NotificationsRepository } from './notifications.repository.js';
//# sourceMappingURL=index.js.map