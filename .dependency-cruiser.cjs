// The import layers of src/ (docs/extending.md, STYLE habit 13), checked by `npm run lint`.
//
// Each folder below may import the folders listed before it, never one listed after it: so no import
// runs "up" and no two folders import each other. A new folder gets its place in LAYERS. On top of
// the order: a `core/` folder is pure (other cores and base/ only, no Nest, no database, no I/O),
// the sources never import the tests, and every relative import must resolve (an import the tool
// could not follow would otherwise pass unseen).
const LAYERS = [
  ['base/domain', '^src/base/domain/'], // Bar, Timeframe
  ['base/time', '^src/base/time/'], // clock, timers, database clock, instance identity
  ['base/resilience', '^src/base/resilience/'], // breaker, rate limiter, singleflight, sleep, semaphore
  ['base/schedule', '^src/base/schedule/'], // cron, calendars, next fire, misfire (pure)
  ['base/series', '^src/base/series/'], // OHLCV series from CSV files
  ['base/security', '^src/base/security/'], // redaction of URLs and secrets (pure)
  ['jobs/core', '^src/jobs/core/'], // the job type definition (pure)
  ['market-data/core', '^src/market-data/core/'], // provider contract, chain, guards (pure)
  ['market-data/providers', '^src/market-data/providers/'], // vendor adapters and the provider table
  ['market-data/job-types', '^src/market-data/job-types/'], // definitions of market-data's job types (pure)
  ['reference-data/core', '^src/reference-data/core/'], // the data job types' definitions and records (pure)
  ['http-jobs/core', '^src/http-jobs/core/'], // the `http` job type's definition (pure)
  ['config', '^src/config/'],
  ['logging', '^src/logging/'], // nestjs-pino: the Nest logger, request and run log context
  ['database', '^src/database/'],
  ['common', '^src/common/'],
  ['metrics', '^src/metrics/'],
  ['indicators/core', '^src/indicators/core/'],
  ['notifications/core', '^src/notifications/core/'], // payloads, templates, signatures, delivery policy (pure)
  ['alerts/core', '^src/alerts/core/'], // alert config, rules, evaluation (pure)
  ['jobs', '^src/jobs/(?!core/)'],
  ['market-data', '^src/market-data/(?!core/|providers/|job-types/)'],
  ['reference-data', '^src/reference-data/(?!core/)'], // the data job types (quotes, companyInfo, …)
  ['notifications', '^src/notifications/(?!core/)'],
  ['http-jobs', '^src/http-jobs/(?!core/)'], // the `http` job type
  ['indicators', '^src/indicators/(?!core/)'],
  ['scheduler', '^src/scheduler/'],
  ['alerts', '^src/alerts/(?!core/)'],
  ['health', '^src/health/'],
  ['cli', '^src/cli/'],
  ['docs', '^src/docs/'], // the OpenAPI document of every route
  ['dashboard', '^src/dashboard/'], // the /ui static files
  ['app', '^src/[^/]+$'],
];

const layerRules = LAYERS.slice(0, -1).map(([name, from], i) => ({
  name: `layer-${name.replace('/', '-')}`,
  comment: `${name} may import only ${LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')} (src/ layers, .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: from },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'core-is-pure',
      comment: 'a core/ folder imports in src/ only other cores and the pure parts of base/',
      severity: 'error',
      from: { path: '^src/[^/]+/core/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/base/(domain|schedule|resilience|security)/',
          '^src/base/time/clock\\.ts$',
          '^src/[^/]+/core/',
          // the provider table: the names and capabilities alert validation checks against
          '^src/market-data/providers/provider-table\\.ts$',
        ],
      },
    },
    {
      name: 'core-no-framework',
      comment: 'a core/ folder does not import Nest, TypeORM or pg',
      severity: 'error',
      from: { path: '^src/[^/]+/core/' },
      to: { path: '^node_modules/(@nestjs|typeorm|pg)/' },
    },
    {
      name: 'src-not-to-test-helpers',
      comment: 'the service does not import test code (specs may)',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^test/', '\\.spec\\.ts$', '/testing/'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves, so no dependency escapes the rules above',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage)/' },
  },
};
