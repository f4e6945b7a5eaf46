import { everyAnchor, type ScheduleContext, type ScheduleSpec } from '../base/schedule/index.js';
import type { JobEntity } from './job.entity.js';

/** The schedule core's context for a stored job: `every` counts from startAt, else from the job's anchor. */
export function scheduleContext(
  job: Pick<JobEntity, 'schedule' | 'anchorAt'>,
  defaultTimezone: string,
): ScheduleContext {
  return { anchorMs: everyAnchor(job.schedule as unknown as ScheduleSpec, job.anchorAt.getTime()), defaultTimezone };
}
