import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';
import { MigrationService } from './migration.service.js';
import { DatabaseConnector } from './database-connector.js';

@Global()
@Module({ providers: [DatabaseEndpoint], exports: [DatabaseEndpoint] })
class DatabaseEndpointModule {}

/**
 * TypeORM on the configured Postgres or the embedded one; connected and migrated by DatabaseConnector. The endpoint is
 * closed after TypeORM has destroyed its pool (the embedded server must outlive its clients).
 */
@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpoint],
      // Each feature module registers its own entities (TypeOrmModule.forFeature).
      useFactory: async (endpoint: DatabaseEndpoint) => ({
        ...dataSourceOptions(await endpoint.open(), { embedded: endpoint.embedded }),
        autoLoadEntities: true,
        // Connected by DatabaseConnector, which retries for as long as it takes: the service boots
        // (HTTP, liveness) without its database; @nestjs/typeorm would retry 10 times and exit.
        manualInitialization: true,
      }),
      dataSourceFactory: async (options) => new DataSource(options!),
    }),
  ],
  providers: [MigrationService, DatabaseConnector],
  exports: [MigrationService, DatabaseConnector],
})
export class DatabaseModule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
    await this.endpoint.close();
  }
}
