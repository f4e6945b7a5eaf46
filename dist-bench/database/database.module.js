var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';
import { MigrationService } from './migration.service.js';
let DatabaseEndpointModule = class DatabaseEndpointModule {
};
DatabaseEndpointModule = __decorate([
    Global(),
    Module({ providers: [DatabaseEndpoint], exports: [DatabaseEndpoint] })
], DatabaseEndpointModule);
/**
 * TypeORM on the configured Postgres or the embedded one; migrations at boot. The endpoint is
 * closed after TypeORM has destroyed its pool (the embedded server must outlive its clients).
 */
let DatabaseModule = class DatabaseModule {
    dataSource;
    endpoint;
    constructor(dataSource, endpoint) {
        this.dataSource = dataSource;
        this.endpoint = endpoint;
    }
    async onApplicationShutdown() {
        if (this.dataSource.isInitialized)
            await this.dataSource.destroy().catch(() => undefined);
        await this.endpoint.close();
    }
};
DatabaseModule = __decorate([
    Global(),
    Module({
        imports: [
            DatabaseEndpointModule,
            TypeOrmModule.forRootAsync({
                inject: [DatabaseEndpoint],
                useFactory: async (endpoint) => dataSourceOptions(await endpoint.open(), { embedded: endpoint.embedded }),
                dataSourceFactory: async (options) => new DataSource(options).initialize(),
            }),
        ],
        providers: [MigrationService],
        exports: [MigrationService],
    }),
    __metadata("design:paramtypes", [DataSource, DatabaseEndpoint])
], DatabaseModule);
export { DatabaseModule };
//# sourceMappingURL=database.module.js.map