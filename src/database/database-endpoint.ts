import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: the configured Postgres, or the embedded one started for this process. */
@Injectable()
export class DatabaseEndpoint {
  private readonly logger = new Logger('Database');
  private embeddedDb: EmbeddedPostgres | null = null;
  url = '';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get embedded(): boolean {
    return this.config.databaseUrl === null;
  }

  async open(): Promise<string> {
    if (this.url) return this.url;
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

  async close(): Promise<void> {
    await this.embeddedDb?.stop();
    this.embeddedDb = null;
  }
}
