import { everyAnchor } from '../scheduler/core/index.js';
/** The schedule core's context for a stored job: `every` counts from startAt, else from the job's anchor. */
export function scheduleContext(job, defaultTimezone) {
    return { anchorMs: everyAnchor(job.schedule, job.anchorAt.getTime()), defaultTimezone };
}
//# sourceMappingURL=schedule-context.js.map