import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SchedulerModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
