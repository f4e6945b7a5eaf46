/**
 * The API's answers, typed by the service's own view functions and DTO types (type imports only:
 * nothing of the server is bundled), so a change of a view breaks the dashboard's type check.
 */
import type { AlertEventView } from '../../src/alerts/alert-event-view.js';
import type { AlertConfigInput } from '../../src/alerts/core/alert-config.js';
import type { AlertsService } from '../../src/alerts/alerts.service.js';
import type { HealthReport } from '../../src/health/health.service.js';
import type { ComputeAnswer } from '../../src/indicators/indicator-compute.service.js';
import type { JobStats } from '../../src/jobs/job-stats.js';
import type { JobView, RunView } from '../../src/jobs/job-view.js';
import type { RunsService } from '../../src/jobs/runs.service.js';
import type { BarsAnswer } from '../../src/market-data/market-data.service.js';
import type { notificationView } from '../../src/notifications/notification-view.js';
import type { NotificationsService } from '../../src/notifications/notifications.service.js';
import type { SchedulerService } from '../../src/scheduler/scheduler.service.js';

export type { AlertConfigInput, AlertEventView, BarsAnswer, ComputeAnswer, HealthReport, JobStats, JobView, RunView };
export type { Operand, Rule } from '../../src/alerts/core/alert-config.js';
export type { Timeframe } from '../../src/base/domain/timeframe.js';

/** CONTRACT §4a lists: `{items, nextCursor}`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type NotificationView = ReturnType<typeof notificationView>;
export type OutboxStats = Awaited<ReturnType<NotificationsService['stats']>>;
export type PreviewAnswer = Awaited<ReturnType<AlertsService['preview']>>;
export type RecentRun = RunView & { jobName: string };
export type InstancesAnswer = Awaited<ReturnType<RunsService['instances']>>;

/** `GET /scheduler/status` (SchedulerController.status: the service's status with the job counts). */
export type SchedulerStatus = Omit<ReturnType<SchedulerService['status']>, 'scheduled'> & {
  jobs: { total: number; enabled: number; scheduled: number };
};

/** `POST /jobs/validate`. */
export interface ValidateAnswer {
  valid: true;
  nextRuns: string[];
}

/** An alert job as the API shows it: the view with its `alert` section. */
export type AlertJobView = JobView & { alert: AlertConfigInput };
