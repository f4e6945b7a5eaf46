import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Jobs, their runs (one row per (job, scheduledFor): the exactly-once claim) and the deployment-wide scheduler state. */
export class InitialSchema1767225600000 implements MigrationInterface {
  name = 'InitialSchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        type varchar(32) NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        status varchar(16) NOT NULL DEFAULT 'active',
        schedule jsonb NOT NULL,
        config jsonb NOT NULL DEFAULT '{}'::jsonb,
        retry jsonb NOT NULL,
        timeout_seconds integer NOT NULL,
        misfire jsonb NOT NULL,
        overlap varchar(8) NOT NULL DEFAULT 'skip',
        state jsonb,
        source varchar(16) NOT NULL DEFAULT 'api',
        version integer NOT NULL DEFAULT 1,
        anchor_at timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT jobs_name_unique UNIQUE (name)
      )`);
    await q.query(`CREATE INDEX jobs_type_idx ON jobs (type, id)`);
    await q.query(`CREATE INDEX jobs_updated_at_idx ON jobs (updated_at)`);
    await q.query(`
      CREATE TABLE job_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        scheduled_for timestamptz(3) NOT NULL,
        trigger varchar(16) NOT NULL DEFAULT 'schedule',
        status varchar(16) NOT NULL,
        attempt integer NOT NULL DEFAULT 1,
        instance_id varchar(100),
        lease_until timestamptz(3),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        result jsonb,
        error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT job_runs_job_scheduled_unique UNIQUE (job_id, scheduled_for)
      )`);
    await q.query(
      `CREATE INDEX job_runs_active_idx ON job_runs (status, lease_until) WHERE status IN ('running', 'queued')`,
    );
    await q.query(`CREATE INDEX job_runs_created_idx ON job_runs (created_at)`);
    await q.query(`
      CREATE TABLE scheduler_state (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        paused boolean NOT NULL DEFAULT false,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO scheduler_state (id, paused) VALUES (1, false)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scheduler_state`);
    await q.query(`DROP TABLE job_runs`);
    await q.query(`DROP TABLE jobs`);
  }
}
