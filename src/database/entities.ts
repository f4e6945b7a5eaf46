import { JobEntity } from '../jobs/job.entity.js';
import { JobRunEntity } from '../jobs/job-run.entity.js';
import { BarEntity } from '../market-data/bar.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';

/** Every TypeORM entity; modules that add tables add their entity here and a migration beside it. */
export const ENTITIES: Array<new () => object> = [JobEntity, JobRunEntity, BarEntity, NotificationEntity];
