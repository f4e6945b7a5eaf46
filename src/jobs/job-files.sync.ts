import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../base/time/clock.js';
import { Conflict } from '../common/errors.js';
import { JobChangeBus } from './job-events.js';
import { jobFilesIn, readJobFile } from './job-files.js';
import { JobSpecParser, type JobSpec } from './job-spec.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { jobBody } from './job-view.js';
import { JobsRepository } from './jobs.repository.js';

export interface FileSyncResult {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  problems: string[];
}

/**
 * ALERTS_DIR (GitOps / a ConfigMap): job files are synced into the store at boot and on reload,
 * matched by name. Jobs from files are marked `source: file`; a file job that disappears from the
 * directory is deleted; a job created through the API is never overwritten by a file of the same name.
 * A bad item is reported (with its file and field path) and skipped; the others still sync.
 */
@Injectable()
export class JobFilesSync {
  private readonly logger = new Logger('AlertsDir');

  constructor(
    private readonly jobs: JobsRepository,
    private readonly parser: JobSpecParser,
    private readonly registry: JobTypeRegistry,
    private readonly bus: JobChangeBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sync(): Promise<FileSyncResult | null> {
    const dir = this.config.alertsDir;
    if (!dir) return null;
    const result: FileSyncResult = { created: 0, updated: 0, deleted: 0, unchanged: 0, problems: [] };
    if (!existsSync(dir)) {
      result.problems.push(`ALERTS_DIR ${dir} does not exist`);
      return this.report(result);
    }
    const specs = this.readSpecs(dir, result);
    const existing = new Map((await this.jobs.findByNames([...specs.keys()])).map((j) => [j.name, j]));
    for (const [name, spec] of specs) await this.upsert(spec, existing.get(name), result);
    for (const job of await this.jobs.findBySource('file')) {
      if (specs.has(job.name)) continue;
      if (await this.jobs.delete(job.id)) {
        result.deleted += 1;
        await this.bus.publish({ kind: 'deleted', id: job.id });
      }
    }
    return this.report(result);
  }

  private readSpecs(dir: string, result: FileSyncResult): Map<string, JobSpec> {
    const specs = new Map<string, JobSpec>();
    for (const path of jobFilesIn(dir)) {
      const { items, problems } = readJobFile(path);
      result.problems.push(...problems);
      for (const item of items) {
        const found = this.parser.problems(item.body, item.ref);
        if (found.length) result.problems.push(...found);
        else {
          const spec = this.parser.parse(item.body);
          if (specs.has(spec.name))
            result.problems.push(`${item.ref}: job name "${spec.name}" appears twice in ALERTS_DIR`);
          else specs.set(spec.name, spec);
        }
      }
    }
    return specs;
  }

  private async upsert(
    spec: JobSpec,
    current: Awaited<ReturnType<JobsRepository['findById']>> | undefined,
    result: FileSyncResult,
  ): Promise<void> {
    const state = this.registry.get(spec.type)?.initialState?.({ ...spec } as never) ?? null;
    if (!current) {
      try {
        const job = await this.jobs.insert(spec, state, this.clock.date(), 'file');
        result.created += 1;
        await this.bus.publish({ kind: 'upserted', id: job.id });
      } catch (e) {
        if (!(e instanceof Conflict)) throw e; // another replica synced it first
        result.unchanged += 1;
      }
      return;
    }
    if (current.source !== 'file') {
      result.problems.push(`job "${spec.name}" exists and was created through the API; the file's version is ignored`);
      return;
    }
    if (JSON.stringify(jobBody(current)) === JSON.stringify({ ...jobBody({ ...current, ...spec } as never) })) {
      result.unchanged += 1;
      return;
    }
    await this.jobs.replace(current.id, spec, state, this.clock.date());
    result.updated += 1;
    await this.bus.publish({ kind: 'upserted', id: current.id });
  }

  private report(result: FileSyncResult): FileSyncResult {
    for (const p of result.problems) this.logger.warn(p);
    this.logger.log(
      `ALERTS_DIR: ${result.created} created, ${result.updated} updated, ${result.deleted} deleted, ${result.unchanged} unchanged`,
    );
    return result;
  }
}
