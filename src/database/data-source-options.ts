import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/**
 * One definition of the TypeORM data source, used by the service, the TypeORM CLI (ormconfig.ts)
 * and the tests. Migrations only: the schema never comes from `synchronize`. Entities belong to
 * their modules: the service registers them with `TypeOrmModule.forFeature` (`autoLoadEntities`),
 * the CLI finds them by file name (data-source.ts), so this folder imports no feature.
 */
export function dataSourceOptions(
  url: string,
  opts: { embedded: boolean; poolSize?: number; entities?: DataSourceOptions['entities'] },
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: opts.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    logging: false,
    extra: {
      // PGlite has one backend: one connection, or the socket server interleaves clients and loses writes.
      max: opts.embedded ? 1 : (opts.poolSize ?? 10),
      connectionTimeoutMillis: 10_000,
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'market-scheduler',
    },
  };
}
