import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { DomainError } from '../common/errors.js';
import type { JobRunContext, JobRunner } from '../jobs/job-types/job-handler.js';
import { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import { TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { DataManager } from './data-manager.service.js';
import type { DataSyncConfig } from './job-types/data-sync.config.js';

/** Series synced at once: enough to overlap vendor latency, few enough to leave rate-limit room to alerts. */
const CONCURRENCY = 4;
/** CONTRACT §4a's staleness margin on top of two timeframes. */
const STALE_GRACE_MS = 5_000;

export interface SeriesSyncReport {
  symbol: string;
  timeframe: Timeframe;
  /** Who served the bars (after failover); null when none could. */
  provider: string | null;
  /** Rows this run inserted or changed. */
  barsStored: number;
  /** openTime of the latest closed bar known, ISO; null when there is none. */
  latestBar: string | null;
  /** The latest closed bar closed more than two timeframes (+5 s) ago, or there is none. */
  stale: boolean;
  error: string | null;
}

export interface DataSyncResult {
  series: SeriesSyncReport[];
  ok: number;
  failed: number;
  stale: number;
}

/**
 * `dataSync` jobs (CONTRACT §3): keeps the store warm for every symbol × timeframe, fetching only
 * what the store lacks. One failing series is reported and the others go on; the run fails only
 * when every series failed (a vendor outage worth the job's retries).
 */
@Injectable()
export class DataSyncHandler implements JobRunner, OnModuleInit {
  readonly type = 'dataSync' as const;

  constructor(
    private readonly registry: JobTypeRegistry,
    private readonly data: DataManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async run(ctx: JobRunContext): Promise<DataSyncResult> {
    const cfg = ctx.job.config as unknown as DataSyncConfig;
    const work = cfg.symbols.flatMap((symbol) => cfg.timeframes.map((timeframe) => ({ symbol, timeframe })));
    const reports: SeriesSyncReport[] = new Array(work.length);
    let next = 0;
    const worker = async () => {
      while (next < work.length && !ctx.signal.aborted) {
        const i = next++;
        reports[i] = await this.syncOne(work[i].symbol, work[i].timeframe, cfg);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, work.length) }, worker));
    if (ctx.signal.aborted) throw new Error('dataSync aborted before every series was synced');
    const result = {
      series: reports,
      ok: reports.filter((r) => !r.error).length,
      failed: reports.filter((r) => r.error).length,
      stale: reports.filter((r) => r.stale).length,
    };
    if (result.ok === 0)
      throw new Error(
        `dataSync: every series failed: ${reports
          .slice(0, 5)
          .map((r) => `${r.symbol} ${r.timeframe}: ${r.error}`)
          .join('; ')}`,
      );
    return result;
  }

  private async syncOne(symbol: string, timeframe: Timeframe, cfg: DataSyncConfig): Promise<SeriesSyncReport> {
    try {
      const res = await this.data.syncBars({ symbol, timeframe, provider: cfg.provider, limit: cfg.lookbackBars });
      const latest = res.bars[res.bars.length - 1];
      const stale = !latest || this.clock.now() - latest.closeTime > 2 * TIMEFRAME_MS[timeframe] + STALE_GRACE_MS;
      return {
        symbol,
        timeframe,
        provider: res.provider,
        barsStored: res.stored,
        latestBar: latest ? new Date(latest.openTime).toISOString() : null,
        stale,
        error: null,
      };
    } catch (err) {
      const error = err instanceof DomainError ? err.messages.join('; ') : (err as Error).message;
      return { symbol, timeframe, provider: null, barsStored: 0, latestBar: null, stale: false, error };
    }
  }
}
