import { InitialSchema1767225600000 } from './1767225600000-initial-schema.js';
import { MarketData1767225600001 } from './1767225600001-market-data.js';
import { Notifications1767225600002 } from './1767225600002-notifications.js';
import { Alerts1767225600003 } from './1767225600003-alerts.js';
import { JobStates1767225600004 } from './1767225600004-job-states.js';
import { JobRunsLiveIndex1767225600005 } from './1767225600005-job-runs-live-index.js';
import { JobFileDigest1767225600300 } from './1767225600300-job-file-digest.js';
import { AlertEventError1767225600301 } from './1767225600301-alert-event-error.js';

/** Every migration, in order. Loaded by class reference (no glob), so the build and Jest agree. */
export const MIGRATIONS = [
  InitialSchema1767225600000,
  MarketData1767225600001,
  Notifications1767225600002,
  Alerts1767225600003,
  JobStates1767225600004,
  JobRunsLiveIndex1767225600005,
  JobFileDigest1767225600300,
  AlertEventError1767225600301,
];
