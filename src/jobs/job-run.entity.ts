import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RunStatus = 'running' | 'queued' | 'succeeded' | 'failed' | 'skipped' | 'timedOut';
/** Why the run exists: its schedule, a misfire catch-up, or `POST /jobs/:id/trigger`. */
export type RunTrigger = 'schedule' | 'catchup' | 'manual';

@Entity({ name: 'job_runs' })
export class JobRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'job_id', type: 'uuid' }) jobId: string;
  @Column({ name: 'scheduled_for', type: 'timestamptz' }) scheduledFor: Date;
  @Column({ type: 'varchar', length: 16, default: 'schedule' }) trigger: RunTrigger;
  @Column({ type: 'varchar', length: 16 }) status: RunStatus;
  @Column({ type: 'integer', default: 1 }) attempt: number;
  @Column({ name: 'instance_id', type: 'varchar', length: 100, nullable: true }) instanceId: string | null;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'jsonb', nullable: true }) result: unknown;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
