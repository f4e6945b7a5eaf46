import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { JobType } from './job-types/job-types.js';

export type { JobType };

/** A job's own notifications (CONTRACT §8): `job.failed` / `job.succeeded` through the outbox. */
export interface JobNotify {
  onFailure: boolean;
  onSuccess: boolean;
  channels: string[];
  recipient: string | null;
  priority: string;
}
export type OverlapPolicy = 'skip' | 'queue' | 'allow';
export type MisfirePolicy = 'skip' | 'runOnce' | 'backfill';
/** `done`: an alert with trigger `once` has fired; it is disabled and never scheduled again. */
export type JobStatus = 'active' | 'done' | 'expired';
/** Who paused a job: an operator (`POST /jobs/:id/pause`), an alert's flood guard, or `pauseOnFailures`. */
export type PauseReason = 'manual' | 'flood' | 'failures';

@Entity({ name: 'jobs' })
export class JobEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 32 }) type: JobType;
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status: JobStatus;
  @Column({ type: 'jsonb' }) schedule: Record<string, unknown>;
  /** The type's own section (`alert`, `dataSync` or `cleanup` in the JSON). */
  @Column({ type: 'jsonb', default: {} }) config: Record<string, unknown>;
  @Column({ type: 'jsonb' }) retry: { maxAttempts: number; backoffSeconds: number };
  @Column({ name: 'timeout_seconds', type: 'integer' }) timeoutSeconds: number;
  @Column({ type: 'jsonb' }) misfire: { graceSeconds: number; policy: MisfirePolicy };
  @Column({ type: 'varchar', length: 8, default: 'skip' }) overlap: OverlapPolicy;
  /** Job-level notifications (any type); null when the job asks for none. */
  @Column({ type: 'jsonb', nullable: true }) notify: JobNotify | null;
  /** Type-owned state (an alert's armed/triggered state machine). */
  @Column({ type: 'jsonb', nullable: true }) state: Record<string, unknown> | null;
  /** `api` or `file` (synced from ALERTS_DIR). */
  @Column({ type: 'varchar', length: 16, default: 'api' }) source: string;
  /** For `source: file`: the digest of the definition the file last synced (see core/file-sync-plan). */
  @Column({ name: 'file_digest', type: 'varchar', length: 64, nullable: true }) fileDigest: string | null;
  /** Bumped on every change; a replica holding an older version cannot claim a run (see RunsRepository.claim). */
  @Column({ type: 'integer', default: 1 }) version: number;
  /** Where `every` schedules count from, and the first bar an alert may evaluate: creation or last resume. */
  @Column({ name: 'anchor_at', type: 'timestamptz' }) anchorAt: Date;
  /** Pause after this many failed runs in a row; null: never (migration 1767225600200). */
  @Column({ name: 'pause_on_failures', type: 'integer', nullable: true }) pauseOnFailures: number | null;
  /** Set while paused: why, a note, since when. Resume clears them. */
  @Column({ name: 'pause_reason', type: 'varchar', length: 16, nullable: true }) pauseReason: PauseReason | null;
  @Column({ name: 'pause_note', type: 'text', nullable: true }) pauseNote: string | null;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
