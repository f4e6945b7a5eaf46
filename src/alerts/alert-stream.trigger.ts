import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

import type { Timeframe } from '../base/domain/timeframe.js';
import { DbClock } from '../base/time/db-clock.js';
import { Timers } from '../base/time/timers.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { DataManager } from '../market-data/data-manager.service.js';
import type { StreamSeries } from '../market-data/streams/kline-message.js';
import { KlineStreamService, type StreamedKline } from '../market-data/streams/kline-stream.service.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { AlertEngine } from './alert-engine.service.js';

/** How often the set of streamed series is brought in line with the registered alerts. */
const REFRESH_MS = 5_000;
/**
 * While the stream is healthy, a streamed alert's own timer waits this long past its fire time
 * before polling: the closed kline normally comes within milliseconds and fires it; the poll is
 * the fallback for a close that comes late or not at all (quiet markets, a stalled connection).
 */
export const STREAM_FALLBACK_MS = 3_000;

interface SeriesJobs {
  /** Alerts evaluated at this series' bar closes (a `bar` schedule of the alert's timeframe). */
  onClose: string[];
  /** `oncePerBar` alerts among them: also evaluated on live updates of the forming bar. */
  onLive: string[];
}

const seriesKey = (symbol: string, timeframe: string) => `${symbol}|${timeframe}`;

/**
 * Alerts at exchange speed. For every alert this replica schedules on a Binance series (its bar
 * schedule on the alert's timeframe), the series is streamed; a closed kline hands that bar's
 * fires to the scheduler at once, with their nominal fire time kept (so the claim is the same and
 * nothing runs twice, whichever replica or the poll gets there first), and a live update of the
 * forming bar evaluates the series' `oncePerBar` alerts (at most once a second per series, the
 * stream's throttle; at most once per bar, the alert's own rule and the outbox key). When the
 * stream is down, late or silent, the scheduler's own fire at close + delay polls as before.
 */
@Injectable()
export class AlertStreamTrigger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertStreamTrigger');
  private bySeries = new Map<string, SeriesJobs>();
  private streamed = new Set<string>();
  private readonly livePasses = new Set<string>();
  private timer: unknown = null;
  private unlisten: () => void = () => undefined;
  /** Bar-close fires handed over early, and live passes run (for metrics and tests). */
  readonly counts = { earlyFires: 0, livePasses: 0 };

  constructor(
    private readonly streams: KlineStreamService,
    private readonly scheduler: SchedulerService,
    private readonly engine: AlertEngine,
    private readonly data: DataManager,
    private readonly dbClock: DbClock,
    private readonly timers: Timers,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.streams.available || !this.scheduler.enabledHere) return;
    this.unlisten = this.streams.listen((k) => this.onKline(k));
    this.scheduler.loop.setHold((job) => (this.streamed.has(job.id) && this.streams.healthy ? STREAM_FALLBACK_MS : 0));
    this.refresh();
  }

  onApplicationShutdown(): void {
    this.unlisten();
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.scheduler.loop.setHold(() => 0);
  }

  /** Rebuilds the series index from the scheduler's registrations and resubscribes the difference. */
  refresh(): void {
    const next = new Map<string, SeriesJobs>();
    const streamed = new Set<string>();
    const series: StreamSeries[] = [];
    for (const id of this.scheduler.loop.ids()) {
      const job = this.scheduler.loop.get(id)?.entity;
      const target = job && this.streamedSeries(job);
      if (!target) continue;
      const key = seriesKey(target.symbol, target.timeframe);
      let jobs = next.get(key);
      if (!jobs) {
        next.set(key, (jobs = { onClose: [], onLive: [] }));
        series.push(target);
      }
      jobs.onClose.push(id);
      streamed.add(id);
      if (target.live) jobs.onLive.push(id);
    }
    this.bySeries = next;
    this.streamed = streamed;
    this.streams.watch(series);
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.refresh(), REFRESH_MS);
  }

  /** The Binance series an alert job watches through its bar schedule, or null (not streamable). */
  private streamedSeries(job: JobEntity): (StreamSeries & { live: boolean }) | null {
    if (job.type !== 'alert') return null;
    const alert = job.config; // the type's own section: the alert config
    const schedule = job.schedule as { bar?: string };
    if (!alert || typeof alert.symbol !== 'string' || schedule.bar !== alert.timeframe) return null;
    const symbol = alert.symbol;
    const timeframe = alert.timeframe as Timeframe;
    const provider = this.data.providerFor(alert.provider as string | undefined);
    if (provider !== 'binance') return null;
    return { symbol, timeframe, live: alert.trigger === 'oncePerBar' };
  }

  private onKline({ update }: StreamedKline): void {
    const jobs = this.bySeries.get(seriesKey(update.symbol, update.timeframe));
    if (!jobs) return;
    if (update.closed) this.closed(jobs, update.bar.closeTime + 1);
    else if (jobs.onLive.length > 0) void this.live(seriesKey(update.symbol, update.timeframe), jobs);
  }

  /** The bar's fires now, or at the boundary if this replica's clock has not reached it yet. */
  private closed(jobs: SeriesJobs, boundary: number): void {
    const wait = boundary - this.dbClock.now();
    const fire = () => (this.counts.earlyFires += this.scheduler.fireBarClose(jobs.onClose, boundary));
    if (wait > 0) this.timers.set(fire, wait);
    else fire();
  }

  /** One pass over the series' `oncePerBar` alerts on the forming bar; one at a time per series. */
  private async live(key: string, jobs: SeriesJobs): Promise<void> {
    if (this.livePasses.has(key) || this.scheduler.paused) return;
    // Registered now (not paused or deleted since the index was built), at the version the loop holds.
    const entities = jobs.onLive
      .map((id) => this.scheduler.loop.get(id)?.entity)
      .filter((j): j is JobEntity => j !== undefined);
    if (entities.length === 0) return;
    this.livePasses.add(key);
    try {
      await this.engine.process(entities, this.dbClock.date());
      this.counts.livePasses++;
    } catch (e) {
      this.logger.warn(`live pass on ${key} failed: ${(e as Error).message}`);
    } finally {
      this.livePasses.delete(key);
    }
  }
}
