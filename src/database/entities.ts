import { JobEntity } from '../jobs/job.entity.js';
import { JobRunEntity } from '../jobs/job-run.entity.js';

/** Every TypeORM entity; modules that add tables add their entity here and a migration beside it. */
export const ENTITIES: Function[] = [JobEntity, JobRunEntity];
