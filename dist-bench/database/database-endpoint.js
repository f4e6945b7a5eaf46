var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
/** Where the database is: the configured Postgres, or the embedded one started for this process. */
let DatabaseEndpoint = class DatabaseEndpoint {
    config;
    logger = new Logger('Database');
    embeddedDb = null;
    url = '';
    constructor(config) {
        this.config = config;
    }
    get embedded() {
        return this.config.databaseUrl === null;
    }
    async open() {
        if (this.url)
            return this.url;
        if (this.config.databaseUrl) {
            this.url = this.config.databaseUrl;
            return this.url;
        }
        const started = Date.now();
        this.embeddedDb = await EmbeddedPostgres.start(this.config.dataDir);
        this.url = this.embeddedDb.url;
        this.logger.log(`embedded PostgreSQL (PGlite) in ${this.config.dataDir} ready in ${Date.now() - started} ms`);
        return this.url;
    }
    async close() {
        await this.embeddedDb?.stop();
        this.embeddedDb = null;
    }
};
DatabaseEndpoint = __decorate([
    Injectable(),
    __param(0, Inject(APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], DatabaseEndpoint);
export { DatabaseEndpoint };
//# sourceMappingURL=database-endpoint.js.map