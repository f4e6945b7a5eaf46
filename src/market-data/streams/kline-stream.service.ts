import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

import { Clock } from '../../base/time/clock.js';
import { Timers } from '../../base/time/timers.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DataManager } from '../data-manager.service.js';
import { BinanceKlineStream } from './binance-kline-stream.js';
import type { KlineUpdate, StreamSeries } from './kline-message.js';

/** What a streamed kline means to the rest of the service. */
export interface StreamedKline {
  provider: 'binance';
  update: KlineUpdate;
  /** A closed bar the cache took at the tail of its series: an evaluation at this close needs no request. */
  cached: boolean;
}

type Listener = (k: StreamedKline) => void;

/**
 * The exchange streams of this replica (today Binance's kline streams, when BINANCE_WS_URL is set
 * or Binance's own API is used). Whoever needs bar closes and live prices says which series
 * (`watch`) and listens; every kline also reaches DataManager, so a closed bar is in the cache
 * before anyone evaluates it and `oncePerBar` alerts read the forming bar without a request.
 * Without a stream, `available` is false and everything polls as before.
 */
@Injectable()
export class KlineStreamService implements OnApplicationShutdown {
  private readonly logger = new Logger('KlineStream');
  private readonly stream: BinanceKlineStream | null;
  private readonly listeners = new Set<Listener>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly data: DataManager,
    clock: Clock,
    timers: Timers,
  ) {
    const url = config.providers.binanceWsUrl;
    this.stream =
      url && config.providers.priority.includes('binance')
        ? new BinanceKlineStream(
            url,
            { onKline: (u) => this.onKline(u), onResync: (s) => this.onResync(s) },
            clock,
            timers,
          )
        : null;
  }

  /** Whether this replica has exchange streams at all. */
  get available(): boolean {
    return this.stream !== null;
  }

  /** Whether every stream connection with series is open now (else closes may come late: poll). */
  get healthy(): boolean {
    return this.stream?.healthy ?? false;
  }

  get stats() {
    return this.stream?.stats ?? null;
  }

  /** Makes the streamed set exactly these Binance series. */
  watch(series: StreamSeries[]): void {
    this.stream?.setSeries(series);
  }

  /** Answers an unsubscribe function. */
  listen(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onApplicationShutdown(): void {
    this.stream?.close();
  }

  private onKline(update: KlineUpdate): void {
    const series = { provider: 'binance', symbol: update.symbol, timeframe: update.timeframe };
    let cached = false;
    if (update.closed) cached = this.data.acceptClosedBar(series, update.bar);
    else this.data.acceptFormingBar(series, update.bar);
    for (const fn of this.listeners) {
      try {
        fn({ provider: 'binance', update, cached });
      } catch (e) {
        this.logger.error(`kline listener failed: ${(e as Error).message}`);
      }
    }
  }

  private onResync(series: StreamSeries[]): void {
    // Closes missed while the connection was down are not replayed by Binance: the scheduler's
    // own fire at close + delay (the poll) evaluates those bars from REST, so nothing is lost.
    this.logger.log(`kline stream (re)connected for ${series.length} series`);
  }
}
