import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { IdPipe } from '../common/id.pipe.js';
import { PageQueryDto } from '../jobs/dto/job.dto.js';
import { AlertsService } from './alerts.service.js';

@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('jobs/:id/events')
  events(@Param('id', IdPipe) id: string, @Query() query: PageQueryDto) {
    return this.alerts.listEvents(id, query);
  }

  /** Body `{alert, bars?: N, from?, to?}`: checked by the alert core, which names every field path. */
  @Post('alerts/preview')
  @HttpCode(200)
  preview(@Body() body: Record<string, unknown>) {
    return this.alerts.preview(body);
  }
}
