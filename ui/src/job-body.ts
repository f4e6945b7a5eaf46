import type { JobView } from './types.js';

/** The fields of a job body (CONTRACT §3) a view carries; everything else in a view is the service's. */
const BODY_KEYS = ['name', 'type', 'enabled', 'schedule', 'retry', 'timeoutSeconds', 'misfire', 'overlap', 'notify'];

/** The body a job was defined with, from its view: what PUT /jobs/:id and POST /jobs/validate take. */
export function bodyOf(job: JobView): Record<string, unknown> {
  const view = job as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of [...BODY_KEYS, job.type]) if (view[key] !== undefined && view[key] !== null) body[key] = view[key];
  return body;
}
