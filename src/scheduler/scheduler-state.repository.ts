import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The deployment-wide pause flag (one row), shared by every replica. */
@Injectable()
export class SchedulerStateRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async isPaused(): Promise<boolean> {
    const [row] = await this.ds.query('SELECT paused FROM scheduler_state WHERE id = 1');
    return Boolean(row?.paused);
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.ds.query('UPDATE scheduler_state SET paused = $1, updated_at = now() WHERE id = 1', [paused]);
  }

  /** A cheap round trip for readiness. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
