import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `alert_events.error`: why an `error` event's alert could not be evaluated (its series could not be loaded). */
export class AlertEventError1767225600301 implements MigrationInterface {
  name = 'AlertEventError1767225600301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_events ADD COLUMN error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_events DROP COLUMN error`);
  }
}
