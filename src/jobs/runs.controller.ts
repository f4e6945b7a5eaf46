import { Controller, Get, Query } from '@nestjs/common';
import { InstancesQueryDto, ListRunsQueryDto } from './dto/job.dto.js';
import { RunsService } from './runs.service.js';

/** Runs across every job (an operator's "what failed lately"); one job's runs are `GET /jobs/:id/runs`. */
@Controller('runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** `?status=failed,timedOut&limit=&cursor=`: newest first, each with its job's name. */
  @Get()
  list(@Query() query: ListRunsQueryDto) {
    return this.runs.list(query);
  }

  /** `?withinMinutes=15`: the replicas that started runs in that time, with how many. */
  @Get('instances')
  instances(@Query() query: InstancesQueryDto) {
    return this.runs.instances(query);
  }
}
