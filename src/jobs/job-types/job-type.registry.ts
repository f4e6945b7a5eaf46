import { Injectable } from '@nestjs/common';
import type { JobType } from '../job.entity.js';
import type { JobHandler } from './job-handler.js';

@Injectable()
export class JobTypeRegistry {
  private readonly handlers = new Map<JobType, JobHandler>();

  register(handler: JobHandler): void {
    this.handlers.set(handler.type, handler);
  }

  get(type: JobType): JobHandler | undefined {
    return this.handlers.get(type);
  }

  types(): JobType[] {
    return [...this.handlers.keys()];
  }
}
