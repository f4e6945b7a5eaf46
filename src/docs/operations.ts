import * as ex from './examples.js';

/** One route's documentation beyond what the controllers and DTOs give: summary, bodies, examples, errors. */
export interface OperationDoc {
  summary: string;
  tag: string;
  /** No token needed (CONTRACT §8 public routes). */
  public?: boolean;
  /** A components schema name (a DTO or a hand-described body) and named request examples. */
  body?: { schema: string; examples: Record<string, { summary: string; value: unknown }>; optional?: boolean };
  /** Query parameters from a DTO's schema. */
  query?: string;
  ok: { status: number; description: string; example?: unknown; contentType?: string };
  errors: number[];
}

const job = {
  schema: 'JobBody',
  examples: {
    alert: { summary: 'RSI crosses below 30 on 15m bars (CONTRACT §3–4)', value: ex.alertJob },
    macd: { summary: 'MACD crossing above its signal, above the 200 EMA', value: ex.macdJob },
    marketHours: { summary: 'NYSE regular session only', value: ex.marketHoursJob },
    dataSync: { summary: 'keep bars of two symbols stored', value: ex.dataSyncJob },
    cleanup: { summary: 'drop old runs and bars every night', value: ex.cleanupJob },
    digest: {
      summary:
        'notifications folded into one alert.digest a minute per recipient; a looser flood guard; pause after 5 failures',
      value: ex.digestJob,
    },
  },
};

/** Keyed `METHOD /path` as the OpenAPI document writes paths. */
export const OPERATIONS: Record<string, OperationDoc> = {
  'GET /health/live': {
    summary: 'Liveness: the process and its scheduler loop are alive',
    tag: 'health',
    public: true,
    ok: {
      status: 200,
      description: 'alive',
      example: {
        status: 'ok',
        info: { scheduler: { status: 'up' } },
        error: {},
        details: { scheduler: { status: 'up' } },
      },
    },
    errors: [503],
  },
  'GET /health/ready': {
    summary: 'Readiness: database reachable and migrations applied',
    tag: 'health',
    public: true,
    ok: {
      status: 200,
      description: 'ready',
      example: {
        status: 'ok',
        info: { database: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' } },
      },
    },
    errors: [503],
  },
  'GET /health': {
    summary: 'Health detail: healthy, degraded or unhealthy, with the issues',
    tag: 'health',
    public: true,
    ok: { status: 200, description: 'healthy or degraded (503 when unhealthy)', example: ex.healthAnswer },
    errors: [503],
  },
  'GET /metrics': {
    summary: 'Prometheus metrics (prefix market_scheduler_)',
    tag: 'health',
    public: true,
    ok: {
      status: 200,
      description: 'Prometheus text format',
      contentType: 'text/plain',
      example:
        '# HELP market_scheduler_fires_claimed_total …\nmarket_scheduler_fires_claimed_total{outcome="won"} 42\n',
    },
    errors: [],
  },

  'GET /scheduler/status': {
    summary: 'Scheduler status and the next fire times',
    tag: 'scheduler',
    ok: { status: 200, description: 'status', example: ex.schedulerStatus },
    errors: [401],
  },
  'POST /scheduler/reload': {
    summary: 'Re-read every job from the store (and ALERTS_DIR) and re-register the schedules',
    tag: 'scheduler',
    ok: { status: 200, description: 'what changed', example: { added: 1, updated: 0, removed: 0, unchanged: 11 } },
    errors: [401],
  },
  'POST /scheduler/pause': {
    summary: 'Stop firing on this deployment (persisted, all replicas)',
    tag: 'scheduler',
    ok: { status: 200, description: 'paused', example: { paused: true } },
    errors: [401],
  },
  'POST /scheduler/resume': {
    summary: 'Start firing again',
    tag: 'scheduler',
    ok: { status: 200, description: 'resumed', example: { paused: false } },
    errors: [401],
  },
  'GET /scheduler/config': {
    summary: 'The effective configuration, secrets redacted',
    tag: 'scheduler',
    ok: {
      status: 200,
      description: 'configuration',
      example: { port: 3000, databaseUrl: null, adminToken: '[redacted]', logLevel: 'info', logFormat: 'json' },
    },
    errors: [401],
  },

  'POST /jobs': {
    summary: 'Create a job',
    tag: 'jobs',
    body: job,
    ok: { status: 201, description: 'the job as stored, defaults filled in', example: ex.jobView },
    errors: [400, 401, 409, 413],
  },
  'POST /jobs/bulk': {
    summary: 'Create up to 10,000 jobs in one transaction: all or none',
    tag: 'jobs',
    body: {
      schema: 'BulkJobsDto',
      examples: { two: { summary: 'two alerts', value: { jobs: [ex.alertJob, ex.macdJob] } } },
    },
    ok: {
      status: 201,
      description: 'created',
      example: { created: 2, ids: [ex.exampleJobId, '1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f'] },
    },
    errors: [400, 401, 409, 413],
  },
  'POST /jobs/validate': {
    summary: 'Check a job body without storing it; answers the next 5 fire times',
    tag: 'jobs',
    body: job,
    ok: {
      status: 200,
      description: 'valid',
      example: {
        valid: true,
        nextRuns: [
          '2026-01-05T14:15:02.000Z',
          '2026-01-05T14:30:02.000Z',
          '2026-01-05T14:45:02.000Z',
          '2026-01-05T15:00:02.000Z',
          '2026-01-05T15:15:02.000Z',
        ],
      },
    },
    errors: [400, 401, 413],
  },
  'GET /jobs': {
    summary: 'List jobs (cursor paging)',
    tag: 'jobs',
    query: 'ListJobsQueryDto',
    ok: { status: 200, description: 'a page of jobs', example: ex.page(ex.jobView) },
    errors: [400, 401],
  },
  'GET /jobs/{id}': {
    summary:
      'One job with its state and nextRunAt, and what explains it (CONTRACT §8): counters since creation ' +
      '(fired, succeeded, failed, timedOut, missed, skipped, notified, delivered), its last 5 fire times ' +
      'with what became of each, its next 5, and `pause` (reason manual | flood | failures, note, at) while paused',
    tag: 'jobs',
    ok: { status: 200, description: 'the job', example: ex.jobDetail },
    errors: [400, 401, 404],
  },
  'PUT /jobs/{id}': {
    summary: 'Replace a job; takes effect at once',
    tag: 'jobs',
    body: job,
    ok: { status: 200, description: 'the job', example: ex.jobView },
    errors: [400, 401, 404, 409, 413],
  },
  'PATCH /jobs/{id}': {
    summary: 'Change some fields of a job; the merged job is checked as a whole',
    tag: 'jobs',
    body: {
      schema: 'JobPatch',
      examples: {
        retry: { summary: 'more retries', value: { retry: { maxAttempts: 5 } } },
        rename: { summary: 'rename and disable', value: { name: 'btc-rsi-oversold-old', enabled: false } },
      },
    },
    ok: { status: 200, description: 'the job', example: ex.jobView },
    errors: [400, 401, 404, 409],
  },
  'DELETE /jobs/{id}': {
    summary: 'Delete a job with its runs and events',
    tag: 'jobs',
    ok: { status: 204, description: 'deleted' },
    errors: [400, 401, 404],
  },
  'POST /jobs/{id}/pause': {
    summary: 'Disable one job; an optional note (at most 500 characters) is shown with it until resume',
    tag: 'jobs',
    body: {
      schema: 'PauseJobDto',
      optional: true,
      examples: {
        note: {
          summary: 'pause with a note for the next operator',
          value: { note: 'exchange maintenance until 16:00 UTC' },
        },
        none: { summary: 'pause without a note (an empty body does too)', value: {} },
      },
    },
    ok: { status: 200, description: 'the job, with `pause`', example: ex.pausedJob },
    errors: [400, 401, 404],
  },
  'POST /jobs/{id}/resume': {
    summary: 'Enable one job',
    tag: 'jobs',
    ok: { status: 200, description: 'the job', example: ex.jobView },
    errors: [400, 401, 404],
  },
  'POST /jobs/{id}/trigger': {
    summary: 'Run a job now, once, outside its schedule',
    tag: 'jobs',
    ok: {
      status: 202,
      description: 'the run',
      example: { ...ex.runView, trigger: 'manual', status: 'running', finishedAt: null, result: null },
    },
    errors: [400, 401, 404],
  },
  'GET /jobs/{id}/runs': {
    summary: 'Run history, newest first',
    tag: 'jobs',
    query: 'PageQueryDto',
    ok: { status: 200, description: 'a page of runs', example: ex.page(ex.runView) },
    errors: [400, 401, 404],
  },
  'GET /jobs/{id}/events': {
    summary: 'Alert transitions and triggers, newest first',
    tag: 'alerts',
    query: 'PageQueryDto',
    ok: { status: 200, description: 'a page of events', example: ex.page(ex.eventView) },
    errors: [400, 401, 404],
  },

  'POST /alerts/preview': {
    summary: 'Where an alert would have fired over the last N closed bars',
    tag: 'alerts',
    body: {
      schema: 'PreviewBody',
      examples: { rsi: { summary: 'the RSI alert over the last 500 bars', value: ex.previewRequest } },
    },
    ok: { status: 200, description: 'the bars that would have fired, with the values', example: ex.previewAnswer },
    errors: [400, 401, 404, 503],
  },
  'GET /market-data/quotes': {
    summary: 'The latest stored quote per symbol (quotes jobs), with its time and provider',
    tag: 'market data',
    ok: {
      status: 200,
      description: 'quotes',
      example: {
        items: [{ symbol: 'AAPL', price: 185.5, time: '2026-01-05T14:59:55.000Z', provider: 'finnhub' }],
        missing: [],
      },
    },
    errors: [400, 401],
  },
  'GET /market-data/company/{symbol}': {
    summary: 'The stored company profile of a symbol (companyInfo jobs)',
    tag: 'market data',
    ok: { status: 200, description: 'company', example: { symbol: 'AAPL', name: 'Apple Inc', provider: 'finnhub' } },
    errors: [400, 401, 404],
  },
  'GET /market-data/earnings': {
    summary: 'Stored earnings dates (earnings jobs), by date, cursor-paged',
    tag: 'market data',
    ok: {
      status: 200,
      description: 'earnings',
      example: { items: [{ symbol: 'AAPL', date: '2026-01-29' }], nextCursor: null },
    },
    errors: [400, 401],
  },
  'GET /market-data/news': {
    summary: 'Stored news (news jobs), newest first, cursor-paged',
    tag: 'market data',
    ok: {
      status: 200,
      description: 'news',
      example: { items: [{ headline: 'Apple up', symbols: ['AAPL'] }], nextCursor: null },
    },
    errors: [400, 401],
  },
  'GET /market-data/economic-events': {
    summary: 'Stored economic events (economicEvents jobs), by time, cursor-paged',
    tag: 'market data',
    ok: {
      status: 200,
      description: 'events',
      example: { items: [{ country: 'US', event: 'CPI MM' }], nextCursor: null },
    },
    errors: [400, 401],
  },
  'GET /market-data/options/{symbol}': {
    summary: 'The latest stored options chain snapshot of a symbol (optionsChain jobs)',
    tag: 'market data',
    ok: { status: 200, description: 'chain', example: { symbol: 'AAPL', expirations: ['2026-01-16'], contracts: [] } },
    errors: [400, 401, 404],
  },
  'POST /scheduler/start': {
    summary: "Seed 000's name for resume",
    tag: 'scheduler',
    ok: { status: 200, description: 'resumed', example: { paused: false } },
    errors: [401],
  },
  'POST /scheduler/stop': {
    summary: "Seed 000's name for pause",
    tag: 'scheduler',
    ok: { status: 200, description: 'paused', example: { paused: true } },
    errors: [401],
  },
  'POST /scheduler/restart': {
    summary: 'Re-read the store and ALERTS_DIR, re-register every schedule and resume',
    tag: 'scheduler',
    ok: { status: 200, description: 'reload counts', example: { added: 0, updated: 0, removed: 0, unchanged: 2 } },
    errors: [401],
  },
  'GET /scheduler/health': {
    summary: "Seed 000's name for GET /health",
    tag: 'scheduler',
    ok: { status: 200, description: 'health', example: { status: 'healthy', issues: [], checks: {} } },
    errors: [401],
  },
  'GET /market-data/bars': {
    summary: 'Closed bars as the service sees them (store, then provider)',
    tag: 'market data',
    query: 'BarsQueryDto',
    ok: { status: 200, description: 'bars', example: ex.barsAnswer },
    errors: [400, 401, 404, 503],
  },
  'POST /indicators/compute': {
    summary: 'Indicators over exactly the last N closed bars',
    tag: 'market data',
    body: {
      schema: 'ComputeIndicatorsDto',
      examples: { rsiBands: { summary: 'RSI and the upper Bollinger band', value: ex.computeRequest } },
    },
    ok: { status: 200, description: 'bars and one series per indicator', example: ex.computeAnswer },
    errors: [400, 401, 404, 503],
  },
  'GET /notifications': {
    summary: 'The outbox: pending, sent, dead',
    tag: 'notifications',
    query: 'ListNotificationsQueryDto',
    ok: {
      status: 200,
      description: 'a page of notifications (payload as POSTed to NOTIFY_URL, CONTRACT §5)',
      example: ex.page(ex.notificationView),
    },
    errors: [400, 401],
  },
  'GET /notifications/stats': {
    summary: "The outbox's depth: notifications per status (the dashboard's overview)",
    tag: 'notifications',
    ok: { status: 200, description: 'counts', example: { total: 12, byStatus: { pending: 2, sent: 9, dead: 1 } } },
    errors: [401],
  },
  'GET /jobs/stats': {
    summary: "Jobs counted by type, enabled and the status of their current state (an alert's armed, triggered…)",
    tag: 'jobs',
    ok: {
      status: 200,
      description: 'counts',
      example: {
        total: 4,
        enabled: 3,
        byType: {
          alert: { total: 3, enabled: 2, disabled: 1, states: { armed: 2, triggered: 1 } },
          cleanup: { total: 1, enabled: 1, disabled: 0, states: {} },
        },
      },
    },
    errors: [401],
  },
  'GET /runs': {
    summary: 'Runs of every job, newest first, each with its job name (e.g. ?status=failed,timedOut: recent failures)',
    tag: 'jobs',
    query: 'ListRunsQueryDto',
    ok: { status: 200, description: 'a page of runs', example: ex.page({ ...ex.runView, jobName: ex.jobView.name }) },
    errors: [400, 401],
  },
  'GET /runs/instances': {
    summary: 'The replicas that started runs in the last withinMinutes (default 15), most recently active first',
    tag: 'scheduler',
    query: 'InstancesQueryDto',
    ok: {
      status: 200,
      description: 'replicas',
      example: {
        withinMinutes: 15,
        items: [{ instanceId: 'host-1-4f2a', runs: 42, lastStartedAt: '2026-01-05T14:00:02.000Z' }],
      },
    },
    errors: [400, 401],
  },
  'POST /notifications/{id}/retry': {
    summary: 'Put a dead notification back to pending',
    tag: 'notifications',
    ok: {
      status: 200,
      description: 'the notification',
      example: { ...ex.notificationView, status: 'pending', sentAt: null, nextAttemptAt: '2026-01-05T15:00:00.000Z' },
    },
    errors: [400, 401, 404, 409],
  },
};
