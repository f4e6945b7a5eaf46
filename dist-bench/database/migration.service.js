var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseEndpoint } from './database-endpoint.js';
/** Any constant shared by every replica: the advisory lock that serialises migrations at boot. */
const MIGRATION_LOCK_KEY = 7_305_221_001;
/**
 * Runs pending migrations at boot. On a real server several replicas may boot at once, so the run
 * holds a session advisory lock; the embedded database is single-process (its lock file) and its
 * single connection would deadlock on a second session, so it migrates directly.
 */
let MigrationService = class MigrationService {
    dataSource;
    endpoint;
    logger = new Logger('Migrations');
    applied = false;
    constructor(dataSource, endpoint) {
        this.dataSource = dataSource;
        this.endpoint = endpoint;
    }
    async onModuleInit() {
        if (this.endpoint.embedded) {
            await this.run();
            return;
        }
        const runner = this.dataSource.createQueryRunner();
        await runner.connect();
        try {
            await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
            await this.run();
        }
        finally {
            await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
            await runner.release();
        }
    }
    async run() {
        const done = await this.dataSource.runMigrations({ transaction: 'each' });
        for (const m of done)
            this.logger.log(`applied ${m.name}`);
        this.applied = true;
    }
    /** Whether every migration this build knows is applied (readiness). */
    async isUpToDate() {
        if (!this.applied)
            return false;
        return !(await this.dataSource.showMigrations());
    }
};
MigrationService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataSource, DatabaseEndpoint])
], MigrationService);
export { MigrationService };
//# sourceMappingURL=migration.service.js.map