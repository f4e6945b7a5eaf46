import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { IdPipe } from '../common/id.pipe.js';
import { ListNotificationsQueryDto } from './notifications.dto.js';
import { NotificationsService } from './notifications.service.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The outbox, newest first. */
  @Get()
  list(@Query() query: ListNotificationsQueryDto) {
    return this.notifications.list(query);
  }

  /** The outbox's depth by status. */
  @Get('stats')
  stats() {
    return this.notifications.stats();
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id', IdPipe) id: string) {
    return this.notifications.retry(id);
  }
}
