import { Injectable } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { decodeCursor, toPage, type Page } from '../common/cursor.js';
import { runView } from './job-view.js';
import { RecentRunsRepository } from './recent-runs.repository.js';

/** `GET /runs` and `GET /runs/instances`: what ran lately across every job. */
@Injectable()
export class RunsService {
  constructor(
    private readonly recent: RecentRunsRepository,
    private readonly clock: Clock,
  ) {}

  async list(q: { status?: string[]; limit?: number; cursor?: string }): Promise<Page<Record<string, unknown>>> {
    const limit = q.limit ?? 50;
    const rows = await this.recent.list(q.status ?? [], limit + 1, decodeCursor(q.cursor));
    return toPage(
      rows.map((r) => ({ ...r, id: r.run.id })),
      limit,
      (r) => r.run.createdAt,
      (r) => ({ ...runView(r.run), jobName: r.jobName }),
    );
  }

  async instances(q: { withinMinutes?: number }) {
    const withinMinutes = q.withinMinutes ?? 15;
    const since = new Date(this.clock.now() - withinMinutes * 60_000);
    const items = await this.recent.instancesSince(since);
    return {
      withinMinutes,
      items: items.map((i) => ({ ...i, lastStartedAt: i.lastStartedAt?.toISOString() ?? null })),
    };
  }
}
