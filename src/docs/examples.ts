/**
 * Request and answer examples of the OpenAPI document (CONTRACT §3–5, §8). The request examples
 * are sent through the live validation by test/e2e/openapi.e2e-spec.ts, so they stay valid.
 */

const ID = '0f8e6a52-3c1d-4b7a-9a51-2f7c1e9d4b10';
const RUN_ID = '6b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const T = '2026-01-05T14:00:00.000Z';

export const alertConfig = {
  symbol: 'BTCUSDT',
  provider: 'binance',
  timeframe: '15m',
  rule: { crossesBelow: [{ indicator: 'rsi', params: { period: 14 } }, { value: 30 }] },
  trigger: 'oncePerBarClose',
  rearm: { when: { gt: [{ indicator: 'rsi', params: { period: 14 } }, { value: 45 }] }, cooldownSeconds: 3600 },
  persistenceBars: 1,
  expiresAt: null,
  maxTriggers: null,
  lookbackBars: 300,
  notify: {
    channels: ['telegram'],
    recipient: 'chat-42',
    priority: 'high',
    message: '{{symbol}} {{timeframe}}: RSI {{values.rsi_14}} crossed below 30 at {{bar.close}}',
  },
};

export const alertJob = {
  name: 'btc-rsi-oversold',
  type: 'alert',
  enabled: true,
  schedule: { bar: '15m' },
  alert: alertConfig,
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  timeoutSeconds: 60,
  misfire: { graceSeconds: 300, policy: 'runOnce' },
  overlap: 'skip',
};

export const macdJob = {
  name: 'eth-macd-cross-1h',
  type: 'alert',
  schedule: { bar: '1h', delaySeconds: 2 },
  alert: {
    symbol: 'ETHUSDT',
    timeframe: '1h',
    rule: {
      and: [
        {
          crossesAbove: [
            { indicator: 'macd', output: 'macd' },
            { indicator: 'macd', output: 'signal' },
          ],
        },
        { gt: [{ field: 'close' }, { indicator: 'ema', params: { period: 200 } }] },
      ],
    },
    lookbackBars: 2000,
    notify: { channels: ['telegram'], recipient: 'chat-42', message: '{{symbol}} MACD crossed up at {{bar.close}}' },
  },
  retry: { maxAttempts: 2 },
};

export const dataSyncJob = {
  name: 'sync-majors-1m',
  type: 'dataSync',
  schedule: { cron: '*/5 * * * *', timezone: 'UTC' },
  dataSync: { symbols: ['BTCUSDT', 'ETHUSDT'], timeframes: ['1m', '15m'], lookbackBars: 500 },
};

export const cleanupJob = {
  name: 'nightly-cleanup',
  type: 'cleanup',
  schedule: { at: '03:00', timezone: 'America/New_York' },
  cleanup: { runsOlderThanDays: 30, barsOlderThanDays: 365 },
};

export const marketHoursJob = {
  name: 'aapl-above-sma-open',
  type: 'alert',
  schedule: { bar: '5m', calendar: 'XNYS', marketHoursOnly: true },
  alert: {
    symbol: 'AAPL',
    provider: 'yahoo',
    timeframe: '5m',
    rule: { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 50 } }] },
    notify: { channels: ['telegram'], recipient: 'chat-42' },
  },
};

export const jobView = {
  id: ID,
  ...alertJob,
  status: 'active',
  state: {
    status: 'armed',
    triggerCount: 0,
    consecutiveTrue: 0,
    rev: 3,
    lastEvaluatedBarOpen: '2026-01-05T13:45:00.000Z',
  },
  source: 'api',
  version: 1,
  nextRunAt: '2026-01-05T14:15:02.000Z',
  createdAt: T,
  updatedAt: T,
};

/**
 * `GET /jobs/:id` (CONTRACT §8): the job with what explains it: counters since creation, the last
 * five fire times with what became of each, the next five. A paused job shows why in `pause`.
 */
export const jobDetail = {
  ...jobView,
  pauseOnFailures: 5,
  pause: null,
  counters: {
    fired: 212,
    succeeded: 208,
    failed: 3,
    timedOut: 1,
    missed: 2,
    skipped: 4,
    notified: 9,
    delivered: 9,
  },
  lastFires: [
    { at: '2026-01-05T14:00:02.000Z', status: 'succeeded', trigger: 'schedule' },
    { at: '2026-01-05T13:45:02.000Z', status: 'succeeded', trigger: 'schedule' },
    { at: '2026-01-05T13:30:02.000Z', status: 'failed', trigger: 'schedule' },
    { at: '2026-01-05T13:15:02.000Z', status: 'skipped', trigger: 'schedule' },
    { at: '2026-01-05T13:00:02.000Z', status: 'succeeded', trigger: 'manual' },
  ],
  nextFires: [
    '2026-01-05T14:15:02.000Z',
    '2026-01-05T14:30:02.000Z',
    '2026-01-05T14:45:02.000Z',
    '2026-01-05T15:00:02.000Z',
    '2026-01-05T15:15:02.000Z',
  ],
};

/** A job paused by an operator with a note (`POST /jobs/:id/pause {"note": ...}`). */
export const pausedJob = {
  ...jobView,
  enabled: false,
  nextRunAt: null,
  pause: { reason: 'manual', note: 'exchange maintenance until 16:00 UTC', at: '2026-01-05T14:05:00.000Z' },
};

/** An alert whose notifications are folded into one `alert.digest` a minute per recipient, and a tighter flood guard. */
export const digestJob = {
  name: 'sol-breakout-digest',
  type: 'alert',
  schedule: { bar: '1m' },
  alert: {
    symbol: 'SOLUSDT',
    provider: 'binance',
    timeframe: '1m',
    rule: {
      crossesAbove: [{ field: 'close' }, { indicator: 'bbands', params: { period: 20, stdDev: 2 }, output: 'upper' }],
    },
    notify: { channels: ['telegram'], recipient: 'chat-42', digestSeconds: 60 },
    floodGuard: { maxTriggers: 30, perSeconds: 600 },
  },
  pauseOnFailures: 5,
};

export const runView = {
  id: RUN_ID,
  jobId: ID,
  scheduledFor: '2026-01-05T14:15:02.000Z',
  trigger: 'schedule',
  status: 'succeeded',
  attempt: 1,
  startedAt: '2026-01-05T14:15:02.004Z',
  finishedAt: '2026-01-05T14:15:02.120Z',
  instanceId: 'web-1-4242-a1b2c3',
  result: {
    outcome: 'evaluated',
    provider: 'binance',
    bars: 300,
    evaluated: ['2026-01-05T14:00:00.000Z'],
    triggered: ['2026-01-05T14:00:00.000Z'],
    state: 'triggered',
  },
  error: null,
};

export const eventView = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  at: '2026-01-05T14:15:02.090Z',
  barTime: T,
  type: 'triggered',
  from: 'armed',
  to: 'triggered',
  values: { rsi_14: 28.7 },
};

const bar = {
  openTime: T,
  closeTime: '2026-01-05T14:14:59.999Z',
  open: 27150.1,
  high: 27180,
  low: 27090.5,
  close: 27123.5,
  volume: 182.4,
};

/** CONTRACT §5: what NOTIFY_URL receives. */
export const notificationPayload = {
  id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  idempotencyKey: `${ID}:${T}`,
  type: 'alert.triggered',
  jobId: ID,
  jobName: 'btc-rsi-oversold',
  symbol: 'BTCUSDT',
  timeframe: '15m',
  provider: 'binance',
  bar,
  values: { rsi_14: 28.7 },
  message: 'BTCUSDT 15m: RSI 28.7 crossed below 30 at 27123.5',
  channels: ['telegram'],
  recipient: 'chat-42',
  priority: 'high',
  triggeredAt: '2026-01-05T14:15:02.090Z',
};

export const notificationView = {
  id: notificationPayload.id,
  idempotencyKey: notificationPayload.idempotencyKey,
  jobId: ID,
  status: 'sent',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  lastStatusCode: 200,
  lastResponse: null,
  createdAt: '2026-01-05T14:15:02.090Z',
  sentAt: '2026-01-05T14:15:02.310Z',
  digestId: null,
  payload: notificationPayload,
};

export const page = <T>(item: T) => ({ items: [item], nextCursor: null });

export const previewRequest = { alert: { ...alertConfig, provider: 'binance' }, bars: 500 };
export const previewAnswer = {
  provider: 'binance',
  symbol: 'BTCUSDT',
  timeframe: '15m',
  bars: 500,
  from: '2026-01-01T09:00:00.000Z',
  to: '2026-01-06T14:00:00.000Z',
  fires: [{ barTime: T, bar, values: { rsi_14: 28.7 } }],
};

export const barsAnswer = { provider: 'binance', symbol: 'BTCUSDT', timeframe: '15m', bars: [bar] };

export const computeRequest = {
  symbol: 'BTCUSDT',
  timeframe: '15m',
  provider: 'binance',
  bars: 3,
  indicators: [
    { indicator: 'rsi', params: { period: 14 } },
    { indicator: 'bbands', params: { period: 20, stdDev: 2 }, output: 'upper' },
  ],
};
export const computeAnswer = {
  provider: 'binance',
  symbol: 'BTCUSDT',
  timeframe: '15m',
  bars: [bar, bar, bar],
  series: { rsi_14: [31.2, 29.9, 28.7], bbands_20_2_upper: [27410.2, 27398.7, 27391.4] },
};

export const schedulerStatus = {
  running: true,
  paused: false,
  mode: 'all',
  instanceId: 'web-1-4242-a1b2c3',
  jobs: { total: 12, enabled: 11, scheduled: 11 },
  lagSeconds: 0.004,
  nextRuns: [{ jobId: ID, name: 'btc-rsi-oversold', at: '2026-01-05T14:15:02.000Z' }],
};

export const healthAnswer = {
  status: 'degraded',
  issues: ['notify endpoint failing'],
  checks: { database: { status: 'up' }, scheduler: { status: 'up', lagSeconds: 0.004 } },
};

export const errors = {
  400: { statusCode: 400, error: 'Bad Request', message: ['retry.maxAttempts must not be less than 1'] },
  401: {
    statusCode: 401,
    error: 'Unauthorized',
    message: ['a valid "Authorization: Bearer <ADMIN_TOKEN>" header is required'],
  },
  404: { statusCode: 404, error: 'Not Found', message: [`job ${ID} not found`] },
  409: { statusCode: 409, error: 'Conflict', message: ['a job named "btc-rsi-oversold" already exists'] },
  413: {
    statusCode: 413,
    error: 'Payload Too Large',
    message: ['request body is too large (limit 256 KB; 16 MB for POST /jobs/bulk)'],
  },
  503: { statusCode: 503, error: 'Service Unavailable', message: ['binance is unavailable: circuit open'] },
};

export { ID as exampleJobId };
