import { InitialSchema1767225600000 } from './1767225600000-initial-schema.js';
import { MarketData1767225600001 } from './1767225600001-market-data.js';
import { Notifications1767225600002 } from './1767225600002-notifications.js';
import { Alerts1767225600003 } from './1767225600003-alerts.js';
import { JobStates1767225600004 } from './1767225600004-job-states.js';
import { JobRunsLiveIndex1767225600005 } from './1767225600005-job-runs-live-index.js';
import { ReferenceData1767225600100 } from './1767225600100-reference-data.js';
import { JobNotify1767225600101 } from './1767225600101-job-notify.js';
import { JobPause1767225600200 } from './1767225600200-job-pause.js';
import { JobCounters1767225600201 } from './1767225600201-job-counters.js';
import { RecipientPacing1767225600202 } from './1767225600202-recipient-pacing.js';
import { JobFileDigest1767225600300 } from './1767225600300-job-file-digest.js';
import { AlertEventError1767225600301 } from './1767225600301-alert-event-error.js';
import { BarCoverage1767225600500 } from './1767225600500-bar-coverage.js';
import { NotificationsUnmarked1767225600501 } from './1767225600501-notifications-unmarked.js';
import { NotifyDigest1767225600600 } from './1767225600600-notify-digest.js';

/** Every migration, in order. Loaded by class reference (no glob), so the build and Jest agree. */
export const MIGRATIONS = [
  InitialSchema1767225600000,
  MarketData1767225600001,
  Notifications1767225600002,
  Alerts1767225600003,
  JobStates1767225600004,
  JobRunsLiveIndex1767225600005,
  ReferenceData1767225600100,
  JobNotify1767225600101,
  JobPause1767225600200,
  JobCounters1767225600201,
  RecipientPacing1767225600202,
  JobFileDigest1767225600300,
  AlertEventError1767225600301,
  BarCoverage1767225600500,
  NotificationsUnmarked1767225600501,
  NotifyDigest1767225600600,
];
