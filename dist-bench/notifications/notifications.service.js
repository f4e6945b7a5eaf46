var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { Conflict, NotFound } from '../common/errors.js';
import { DbClock } from '../scheduler/db-clock.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { notificationView } from './notification-view.js';
import { NotificationsRepository } from './notifications.repository.js';
/** The outbox's API (CONTRACT §2 `/notifications`). */
let NotificationsService = class NotificationsService {
    repo;
    dispatcher;
    dbClock;
    constructor(repo, dispatcher, dbClock) {
        this.repo = repo;
        this.dispatcher = dispatcher;
        this.dbClock = dbClock;
    }
    async list(q) {
        const limit = q.limit ?? 50;
        const rows = await this.repo.list({ status: q.status, jobId: q.jobId?.toLowerCase() }, limit + 1, decodeCursor(q.cursor));
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map(notificationView),
            nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
        };
    }
    /** A dead notification back to pending, due now with a fresh set of attempts; this replica starts on it at once. */
    async retry(id) {
        const row = await this.repo.retryDead(id, this.dbClock.date());
        if (!row) {
            const existing = await this.repo.findById(id);
            if (!existing)
                throw new NotFound(`notification ${id}`);
            throw new Conflict(`notification ${id} is ${existing.status}; only a dead notification can be retried`);
        }
        this.dispatcher.kick();
        return notificationView(row);
    }
};
NotificationsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [NotificationsRepository,
        NotificationDispatcher,
        DbClock])
], NotificationsService);
export { NotificationsService };
//# sourceMappingURL=notifications.service.js.map