import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { setupApp } from '../../src/app.setup.js';
import { Clock, SystemClock } from '../../src/base/time/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { Timers } from '../../src/base/time/timers.js';
import { Random } from '../../src/base/resilience/backoff.js';
import { freshDatabase, type TestDatabase } from './database.js';

/** Jitter at its midpoint: every retry waits its nominal delay. */
const NOMINAL: Random = { next: () => 0.5 };

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: TestDatabase;
  /** supertest with the admin token. */
  api: () => TestAgent;
  /** supertest without any token. */
  anon: () => TestAgent;
  dataSource: DataSource;
  get<T>(token: new (...args: never[]) => T): T;
  /** Closes the app; `keepDatabase` to boot another app on the same store (restart tests). */
  close(opts?: { keepDatabase?: boolean }): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  timers?: Timers;
  /** Where retry jitter comes from; default the nominal delay (0.5), so retry times are exact. */
  random?: Random;
  db?: TestDatabase;
}

/** Boots the whole service in-process on its own database, as main.ts does, with injectable time. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await freshDatabase());
  const config = loadConfig({
    ADMIN_TOKEN,
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'error',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    ...opts.env,
  });
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(opts.clock ?? new SystemClock())
    .overrideProvider(Random)
    .useValue(opts.random ?? NOMINAL);
  // Without test timers the service's own run (ScheduledTimers, registered with SchedulerRegistry).
  if (opts.timers) builder = builder.overrideProvider(Timers).useValue(opts.timers);
  const moduleRef = await builder.compile();
  const app = setupApp(moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] }));
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    db,
    api: () => request.agent(server).set('Authorization', `Bearer ${ADMIN_TOKEN}`) as unknown as TestAgent,
    anon: () => request.agent(server) as unknown as TestAgent,
    dataSource: app.get(DataSource),
    get: (token) => app.get(token),
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await db.drop();
    },
  };
}
