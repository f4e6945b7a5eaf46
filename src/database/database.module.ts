import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';
import { MigrationService } from './migration.service.js';

@Global()
@Module({ providers: [DatabaseEndpoint], exports: [DatabaseEndpoint] })
class DatabaseEndpointModule {}

/**
 * TypeORM on the configured Postgres or the embedded one; migrations at boot. The endpoint is
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
      }),
      dataSourceFactory: async (options) => new DataSource(options!).initialize(),
    }),
  ],
  providers: [MigrationService],
  exports: [MigrationService],
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
