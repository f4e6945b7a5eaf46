import { MIGRATIONS } from './migrations/index.js';
import { ENTITIES } from './entities.js';
/**
 * One definition of the TypeORM data source, used by the service, the TypeORM CLI (ormconfig.ts)
 * and the tests. Migrations only: the schema never comes from `synchronize`.
 */
export function dataSourceOptions(url, opts) {
    return {
        type: 'postgres',
        url,
        entities: ENTITIES,
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
//# sourceMappingURL=data-source-options.js.map