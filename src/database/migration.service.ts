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
@Injectable()
export class MigrationService {
  private readonly logger = new Logger('Migrations');
  private applied = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  /** Called by DatabaseConnector once the database answers (at boot, or when it comes). */
  async migrate(): Promise<void> {
    if (this.endpoint.embedded) {
      await this.run();
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await this.run();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    const done = await this.dataSource.runMigrations({ transaction: 'each' });
    for (const m of done) this.logger.log(`applied ${m.name}`);
    this.applied = true;
  }

  /** Whether every migration this build knows is applied (readiness). */
  async isUpToDate(): Promise<boolean> {
    if (!this.applied) return false;
    return !(await this.dataSource.showMigrations());
  }
}
