import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../base/time/clock.js';
import { decodeCursor, toPage, type Page } from '../common/cursor.js';
import { NotFound, ValidationFailed } from '../common/errors.js';
import { everyAnchor, nextFireTime, nextRuns, type ScheduleSpec } from '../base/schedule/index.js';
import { scheduleContext } from './schedule-context.js';
import { JobChangeBus } from './job-events.js';
import { JobSpecParser, type JobSpec } from './job-spec.js';
import { jobStats, type JobStats } from './job-stats.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { currentState, jobBody, jobView, runView } from './job-view.js';
import type { JobEntity } from './job.entity.js';
import { JobsRepository } from './jobs.repository.js';
import { JobStatesRepository, type StoredJobState } from './job-states.repository.js';
import { RunsRepository } from './runs.repository.js';
import { JobCountersRepository } from './job-counters.repository.js';

/** Job CRUD (CONTRACT §2 `/jobs`). Every change is published so the scheduler applies it at once. */
@Injectable()
export class JobsService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly states: JobStatesRepository,
    private readonly runsRepo: RunsRepository,
    private readonly counters: JobCountersRepository,
    private readonly parser: JobSpecParser,
    private readonly registry: JobTypeRegistry,
    private readonly bus: JobChangeBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(body: unknown): Promise<Record<string, unknown>> {
    const spec = this.parser.parse(body);
    const job = await this.jobs.insert(spec, this.initialState(spec), this.clock.date());
    await this.bus.publish({ kind: 'upserted', id: job.id });
    return this.view(job);
  }

  async createMany(items: unknown[]): Promise<{ created: number; ids: string[] }> {
    const problems = items.flatMap((item, i) => this.parser.problems(item, `jobs[${i}]`));
    const names = new Map<string, number>();
    items.forEach((item, i) => {
      const name = (item as { name?: unknown })?.name;
      if (typeof name !== 'string') return;
      if (names.has(name)) problems.push(`jobs[${i}].name "${name}" repeats jobs[${names.get(name)}].name`);
      else names.set(name, i);
    });
    if (problems.length) throw new ValidationFailed(problems);
    const specs = items
      .map((item) => this.parser.parse(item))
      .map((spec) => ({ spec, state: this.initialState(spec) }));
    const ids = await this.jobs.insertMany(specs, this.clock.date());
    await Promise.all(ids.map((id) => this.bus.publish({ kind: 'upserted', id })));
    return { created: ids.length, ids };
  }

  async list(q: {
    type?: string;
    enabled?: 'true' | 'false';
    name?: string;
    state?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<Record<string, unknown>>> {
    const limit = q.limit ?? 50;
    const rows = await this.jobs.list({
      type: q.type,
      enabled: q.enabled === undefined ? undefined : q.enabled === 'true',
      name: q.name,
      state: q.state,
      limit: limit + 1,
      after: decodeCursor(q.cursor),
    });
    const states = await this.states.load(rows.map((j) => j.id));
    return toPage(
      rows,
      limit,
      (j) => j.createdAt,
      (j) => this.view(j, states),
    );
  }

  /** `GET /jobs/stats`: how many jobs of each type, enabled, and in each state. */
  async stats(): Promise<JobStats> {
    return jobStats(await this.jobs.countsByTypeAndState());
  }

  /**
   * One job, with what explains it (CONTRACT §8): counters since creation, its last five fire
   * times with what became of each, and its next five (none while paused or finished).
   */
  async get(id: string): Promise<Record<string, unknown>> {
    const job = await this.mustFind(id);
    const [view, counters, lastFires] = await Promise.all([
      this.viewOne(job),
      this.counters.get(id),
      this.counters.lastFires(id),
    ]);
    const nextFires =
      job.enabled && job.status === 'active'
        ? nextRuns(
            job.schedule as unknown as ScheduleSpec,
            this.clock.now(),
            scheduleContext(job, this.config.scheduler.timezone),
            5,
          )
        : [];
    return { ...view, counters, lastFires, nextFires };
  }

  async replace(id: string, body: unknown): Promise<Record<string, unknown>> {
    await this.mustFind(id);
    return this.store(id, this.parser.parse(body));
  }

  /** A partial update: the merged body is checked as a whole, so a PATCH can never store an invalid job. */
  async patch(id: string, body: unknown): Promise<Record<string, unknown>> {
    const job = await this.mustFind(id);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ValidationFailed(['body must be a JSON object']);
    return this.store(id, this.parser.parse({ ...jobBody(job), ...body }));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.jobs.delete(id))) throw new NotFound(`job ${id}`);
    await this.bus.publish({ kind: 'deleted', id });
  }

  /** `POST /jobs/:id/pause`, with an optional note shown with the job until it is resumed. */
  async pause(id: string, note?: string): Promise<Record<string, unknown>> {
    const job = await this.jobs.pause(id, note ?? null, this.clock.date());
    if (!job) throw new NotFound(`job ${id}`);
    await this.bus.publish({ kind: 'upserted', id });
    return this.viewOne(job);
  }

  /** `POST /jobs/:id/resume`: whatever paused it (an operator, a flood, failures) is cleared. */
  async resume(id: string): Promise<Record<string, unknown>> {
    const existing = await this.mustFind(id);
    const clears = this.registry.get(existing.type)?.resumeClears ?? [];
    const job = await this.jobs.resume(id, this.clock.date(), clears);
    if (!job) throw new NotFound(`job ${id}`);
    await this.bus.publish({ kind: 'upserted', id });
    return this.viewOne(job);
  }

  async runs(id: string, q: { limit?: number; cursor?: string }): Promise<Page<Record<string, unknown>>> {
    await this.mustFind(id);
    const limit = q.limit ?? 50;
    const rows = await this.runsRepo.list(id, limit + 1, decodeCursor(q.cursor));
    return toPage(rows, limit, (r) => r.scheduledFor, runView);
  }

  /** `POST /jobs/validate`: the full check, nothing stored, and the next five fire times. */
  validate(body: unknown): { valid: true; nextRuns: string[] } {
    const spec = this.parser.parse(body);
    const now = this.clock.now();
    const schedule = spec.schedule as unknown as ScheduleSpec;
    const ctx = { anchorMs: everyAnchor(schedule, now), defaultTimezone: this.config.scheduler.timezone };
    return { valid: true, nextRuns: nextRuns(schedule, now, ctx, 5) };
  }

  async mustFind(id: string): Promise<JobEntity> {
    const job = await this.jobs.findById(id);
    if (!job) throw new NotFound(`job ${id}`);
    return job;
  }

  private async store(id: string, spec: JobSpec): Promise<Record<string, unknown>> {
    const job = await this.jobs.replace(id, spec, this.initialState(spec), this.clock.date());
    if (!job) throw new NotFound(`job ${id}`);
    await this.bus.publish({ kind: 'upserted', id });
    return this.viewOne(job);
  }

  private initialState(spec: JobSpec): Record<string, unknown> | null {
    const handler = this.registry.get(spec.type);
    return handler?.initialState?.({ ...spec } as unknown as JobEntity) ?? null;
  }

  /** The job as the API shows it; `states` holds what its runs wrote (`job_states`), when any. */
  view(job: JobEntity, states?: Map<string, StoredJobState>): Record<string, unknown> {
    const next =
      job.enabled && job.status === 'active'
        ? nextFireTime(
            job.schedule as unknown as ScheduleSpec,
            this.clock.now(),
            scheduleContext(job, this.config.scheduler.timezone),
          )
        : null;
    return jobView(job, next, currentState(job.state, states?.get(job.id), this.registry.get(job.type)?.cursorField));
  }

  private async viewOne(job: JobEntity): Promise<Record<string, unknown>> {
    return this.view(job, await this.states.load([job.id]));
  }
}
