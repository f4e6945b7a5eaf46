import { Inject, Injectable, Logger } from '@nestjs/common';
import { statSync } from 'node:fs';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../base/time/clock.js';
import { definitionDigest, type FileJob } from './core/file-sync-plan.js';
import { JobChangeBus } from './job-events.js';
import { jobFilesIn, readJobFile } from './job-files.js';
import { JobSpecParser } from './job-spec.js';
import { JobTypeRegistry } from './job-types/job-type.registry.js';
import { JobsRepository, type FileJobRow } from './jobs.repository.js';

export interface FileSyncResult {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Every problem found, as `file[item].field.path message`; any problem means nothing was changed. */
  problems: string[];
}

/** The outcome of the last sync this replica ran, for `/health`. */
export interface FileSyncStatus {
  at: Date;
  problems: string[];
}

/**
 * ALERTS_DIR (GitOps / a ConfigMap): job files are synced into the store at boot and on reload,
 * matched by name. All or nothing (CONTRACT §8): a file that cannot be read or parsed, an invalid
 * item, a name defined twice or a name an API job holds refuses the whole sync, so a broken
 * ConfigMap never deletes or rewrites a job. Otherwise, in one transaction: new names are created
 * (`source: file`), changed definitions replaced, file jobs no file defines any more deleted, and
 * unchanged ones left alone with their state. Jobs created through the API are never touched.
 */
@Injectable()
export class JobFilesSync {
  private readonly logger = new Logger('AlertsDir');
  private last: FileSyncStatus | null = null;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly parser: JobSpecParser,
    private readonly registry: JobTypeRegistry,
    private readonly bus: JobChangeBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The last sync's problems (empty after a clean sync); null when ALERTS_DIR is unset or not yet synced. */
  get status(): FileSyncStatus | null {
    return this.last;
  }

  async sync(): Promise<FileSyncResult | null> {
    const dir = this.config.alertsDir;
    if (!dir) return null;
    const { wanted, problems } = this.read(dir);
    if (problems.length) return this.refuse(problems);
    const applied = await this.jobs.applyFileSync(wanted, this.clock.date());
    if (applied.problems.length) return this.refuse(applied.problems);
    for (const id of [...applied.createdIds, ...applied.update.map((u) => u.id)])
      await this.bus.publish({ kind: 'upserted', id });
    for (const job of applied.delete) await this.bus.publish({ kind: 'deleted', id: job.id });
    const result: FileSyncResult = {
      created: applied.createdIds.length,
      updated: applied.update.length,
      deleted: applied.delete.length,
      unchanged: applied.unchanged,
      problems: [],
    };
    this.last = { at: this.clock.date(), problems: [] };
    this.logger.log(
      `ALERTS_DIR ${dir}: ${result.created} created, ${result.updated} updated, ${result.deleted} deleted, ${result.unchanged} unchanged`,
    );
    return result;
  }

  /** Every job the directory defines, or every problem it has (file, item, field path). */
  private read(dir: string): { wanted: Array<FileJob<FileJobRow>>; problems: string[] } {
    const problems: string[] = [];
    let paths: string[];
    try {
      if (!statSync(dir).isDirectory()) return { wanted: [], problems: [`ALERTS_DIR ${dir} is not a directory`] };
      paths = jobFilesIn(dir);
    } catch (e) {
      return { wanted: [], problems: [`ALERTS_DIR ${dir} cannot be read: ${(e as Error).message.split('\n')[0]}`] };
    }
    const wanted: Array<FileJob<FileJobRow>> = [];
    const firstRef = new Map<string, string>();
    for (const path of paths) {
      const file = readJobFile(path);
      problems.push(...file.problems);
      for (const item of file.items) {
        const found = this.parser.problems(item.body, item.ref);
        if (found.length) {
          problems.push(...found);
          continue;
        }
        const spec = this.parser.parse(item.body);
        const seen = firstRef.get(spec.name);
        if (seen !== undefined) {
          problems.push(`${item.ref}.name "${spec.name}" is already defined by ${seen}`);
          continue;
        }
        firstRef.set(spec.name, item.ref);
        const state = this.registry.get(spec.type)?.initialState?.({ ...spec } as never) ?? null;
        wanted.push({ name: spec.name, spec: { spec, state }, digest: definitionDigest(spec) });
      }
    }
    return { wanted, problems };
  }

  private refuse(problems: string[]): FileSyncResult {
    this.last = { at: this.clock.date(), problems };
    this.logger.error(
      `ALERTS_DIR sync refused, nothing was changed: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    );
    for (const p of problems) this.logger.error(p.startsWith('ALERTS_DIR') ? p : `ALERTS_DIR: ${p}`);
    return { created: 0, updated: 0, deleted: 0, unchanged: 0, problems };
  }
}
