import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage, type Page } from '../common/cursor.js';
import { Conflict, NotFound } from '../common/errors.js';
import { DbClock } from '../base/time/db-clock.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { notificationView } from './notification-view.js';
import type { ListNotificationsQueryDto } from './notifications.dto.js';
import { NotificationsRepository } from './notifications.repository.js';

/** The outbox's API (CONTRACT §2 `/notifications`). */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly dbClock: DbClock,
  ) {}

  async list(q: ListNotificationsQueryDto): Promise<Page<ReturnType<typeof notificationView>>> {
    const limit = q.limit ?? 50;
    const rows = await this.repo.list(
      { status: q.status, jobId: q.jobId?.toLowerCase() },
      limit + 1,
      decodeCursor(q.cursor),
    );
    return toPage(rows, limit, (n) => n.createdAt, notificationView);
  }

  /** `GET /notifications/stats`: how many notifications are pending, sent and dead. */
  async stats(): Promise<{ total: number; byStatus: Record<string, number> }> {
    const byStatus = await this.repo.countByStatus();
    return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  }

  /** A dead notification back to pending, due now with a fresh set of attempts; this replica starts on it at once. */
  async retry(id: string): Promise<ReturnType<typeof notificationView>> {
    const row = await this.repo.retryDead(id, this.dbClock.date());
    if (!row) {
      const existing = await this.repo.findById(id);
      if (!existing) throw new NotFound(`notification ${id}`);
      throw new Conflict(`notification ${id} is ${existing.status}; only a dead notification can be retried`);
    }
    this.dispatcher.kick();
    return notificationView(row);
  }
}
