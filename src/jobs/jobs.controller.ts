import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { IdPipe } from '../common/id.pipe.js';
import { BulkJobsDto, JobDto, ListJobsQueryDto, PageQueryDto, PauseJobDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';

/**
 * `/jobs` (CONTRACT §2). Bodies are checked by JobSpecParser (shape, schedule and the type's own
 * section) — the pipe only sees them as plain objects so every problem is reported at once.
 */
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post()
  create(@Body() body: Record<string, unknown>) {
    return this.jobs.create(body);
  }

  @Post('bulk')
  createMany(@Body() body: BulkJobsDto) {
    return this.jobs.createMany(body.jobs);
  }

  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: Record<string, unknown>) {
    return this.jobs.validate(body);
  }

  @Get()
  list(@Query() query: ListJobsQueryDto) {
    return this.jobs.list(query);
  }

  /** Declared before `:id` so that `stats` is not taken for an id. */
  @Get('stats')
  stats() {
    return this.jobs.stats();
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: string) {
    return this.jobs.get(id);
  }

  @Put(':id')
  replace(@Param('id', IdPipe) id: string, @Body() body: Record<string, unknown>) {
    return this.jobs.replace(id, body);
  }

  @Patch(':id')
  patch(@Param('id', IdPipe) id: string, @Body() body: Record<string, unknown>) {
    return this.jobs.patch(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', IdPipe) id: string) {
    return this.jobs.remove(id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id', IdPipe) id: string, @Body() body: PauseJobDto) {
    return this.jobs.pause(id, body?.note);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id', IdPipe) id: string) {
    return this.jobs.resume(id);
  }

  @Get(':id/runs')
  runs(@Param('id', IdPipe) id: string, @Query() query: PageQueryDto) {
    return this.jobs.runs(id, query);
  }
}

export { JobDto };
