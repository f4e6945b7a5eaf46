import WebSocket from 'ws';

import type { Clock } from '../../base/time/clock.js';
import type { Timers } from '../../base/time/timers.js';
import { backoffDelay } from '../core/retry.js';
import { klineStreamName, parseStreamFrame, type KlineUpdate, type StreamSeries } from './kline-message.js';

/** What the stream tells its owner. */
export interface KlineListener {
  /** A closed kline (once per series and open time) or a live update of the forming one (throttled). */
  onKline(update: KlineUpdate): void;
  /**
   * A connection (re)opened for these series: Binance replays nothing, so closes that happened
   * while it was down must be fetched through REST by the owner (keyed by open time, so a close
   * the stream also delivers later is not evaluated twice).
   */
  onResync(series: StreamSeries[]): void;
}

/** Binance's documented limits for spot market streams, and what we do about silence. */
export interface KlineStreamLimits {
  /** "A single connection can listen to a maximum of 1024 streams." */
  streamsPerConnection: number;
  /** "WebSocket connections have a limit of 5 incoming messages per second" (our SUBSCRIBEs). */
  controlMessagesPerSecond: number;
  /** Stream names per SUBSCRIBE/UNSUBSCRIBE message (keeps a message small; 1024 streams = 6 messages). */
  namesPerMessage: number;
  /**
   * A connection that has sent nothing for this long — no kline, no ping (Binance pings every
   * 20 s) — has stalled silently and is replaced. Quiet markets send no klines for tens of
   * seconds, so this is counted in pings, not in klines.
   */
  stallMs: number;
  /** "A single connection is only valid for 24 hours": rotate a little before the cut. */
  maxConnectionAgeMs: number;
  /** Live updates of one forming bar are passed on at most this often. */
  liveThrottleMs: number;
  /** Reconnect backoff: base, cap (jittered ±20 %). */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
}

export const BINANCE_STREAM_LIMITS: KlineStreamLimits = {
  streamsPerConnection: 1024,
  controlMessagesPerSecond: 5,
  namesPerMessage: 200,
  stallMs: 65_000,
  maxConnectionAgeMs: 23 * 3_600_000,
  liveThrottleMs: 1_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
};

/** Counters for metrics and tests. */
export interface KlineStreamStats {
  connections: number;
  open: number;
  streams: number;
  reconnects: number;
  stalls: number;
  closes: number;
  liveUpdates: number;
}

/**
 * Binance kline streams for a changing set of series, over as many combined-stream connections as
 * the 1,024-streams-per-connection limit needs (`<base>/stream`, SUBSCRIBE/UNSUBSCRIBE messages
 * paced under the 5-messages-a-second limit). It hands closed klines on at once (each series and
 * open time once), live updates at most once a second per series, and after every (re)connect
 * asks its owner to backfill through REST. A watchdog replaces a connection that went silent,
 * and connections are rotated before Binance cuts them at 24 h.
 */
export class BinanceKlineStream {
  private readonly shards: Shard[] = [];
  private readonly lastClosedOpen = new Map<string, number>();
  private readonly lastLiveAt = new Map<string, number>();
  private stopped = false;
  readonly stats: KlineStreamStats = {
    connections: 0,
    open: 0,
    streams: 0,
    reconnects: 0,
    stalls: 0,
    closes: 0,
    liveUpdates: 0,
  };

  constructor(
    /** `wss://stream.binance.com:9443` or a compatible server; connections go to `<base>/stream`. */
    private readonly baseUrl: string,
    private readonly listener: KlineListener,
    private readonly clock: Clock,
    private readonly timers: Timers,
    readonly limits: KlineStreamLimits = BINANCE_STREAM_LIMITS,
  ) {}

  /** Makes the subscribed set exactly `series`: new ones subscribed, gone ones unsubscribed. */
  setSeries(series: Iterable<StreamSeries>): void {
    if (this.stopped) return;
    const wanted = new Map<string, StreamSeries>();
    for (const s of series) wanted.set(klineStreamName(s.symbol, s.timeframe), s);
    for (const shard of this.shards) {
      const gone = [...shard.series.keys()].filter((name) => !wanted.has(name));
      if (gone.length > 0) shard.unsubscribe(gone);
      for (const name of shard.series.keys()) wanted.delete(name);
    }
    const added = [...wanted.entries()];
    for (const shard of this.shards) {
      const room = this.limits.streamsPerConnection - shard.series.size;
      if (room > 0 && added.length > 0) {
        shard.subscribe(added.splice(0, room));
        shard.connect(); // a shard whose streams had all gone has no connection
      }
    }
    while (added.length > 0) {
      const shard = new Shard(this, this.shards.length);
      this.shards.push(shard);
      shard.subscribe(added.splice(0, this.limits.streamsPerConnection));
      shard.connect();
    }
    this.refreshStats();
  }

  /** The series subscribed now (on an open connection or waiting for one). */
  series(): StreamSeries[] {
    return this.shards.flatMap((s) => [...s.series.values()]);
  }

  /** True when every connection with streams is open: the owner may then trust closes to come. */
  get healthy(): boolean {
    return this.shards.every((s) => s.series.size === 0 || s.isOpen);
  }

  close(): void {
    this.stopped = true;
    for (const shard of this.shards) shard.close();
    this.refreshStats();
  }

  // --- called by shards ---

  /** @internal */ get isStopped(): boolean {
    return this.stopped;
  }

  /** @internal */ now(): number {
    return this.clock.now();
  }

  /** @internal */ setTimer(fn: () => void, ms: number): unknown {
    return this.timers.set(fn, ms);
  }

  /** @internal */ clearTimer(handle: unknown): void {
    this.timers.clear(handle);
  }

  /** @internal */ url(): string {
    return `${this.baseUrl.replace(/\/+$/, '')}/stream`;
  }

  /** @internal */ deliver(update: KlineUpdate, subscribed: boolean): void {
    if (!subscribed) return; // a late frame of a stream just unsubscribed
    if (update.closed) {
      const last = this.lastClosedOpen.get(update.stream);
      if (last !== undefined && update.bar.openTime <= last) return; // already handed on
      this.lastClosedOpen.set(update.stream, update.bar.openTime);
      this.stats.closes++;
      this.listener.onKline(update);
      return;
    }
    const now = this.clock.now();
    const lastLive = this.lastLiveAt.get(update.stream);
    if (lastLive !== undefined && now - lastLive < this.limits.liveThrottleMs) return;
    this.lastLiveAt.set(update.stream, now);
    this.stats.liveUpdates++;
    this.listener.onKline(update);
  }

  /** @internal */ opened(series: StreamSeries[], reconnect: boolean): void {
    if (reconnect) this.stats.reconnects++;
    this.refreshStats();
    if (series.length > 0) this.listener.onResync(series);
  }

  /** @internal */ forget(names: string[]): void {
    for (const name of names) {
      this.lastClosedOpen.delete(name);
      this.lastLiveAt.delete(name);
    }
  }

  /** @internal */ refreshStats(): void {
    this.stats.connections = this.shards.filter((s) => s.series.size > 0).length;
    this.stats.open = this.shards.filter((s) => s.isOpen).length;
    this.stats.streams = this.shards.reduce((n, s) => n + s.series.size, 0);
  }
}

/**
 * Control messages are paced over a window a little longer than the server's second: Binance counts
 * them as they arrive, and network delays can bunch messages sent exactly a second apart.
 */
const PACING_WINDOW_MS = 1_100;

/** One combined-stream connection and the streams assigned to it. */
class Shard {
  readonly series = new Map<string, StreamSeries>();
  private ws: WebSocket | null = null;
  private openedAt = 0;
  private lastHeardAt = 0;
  private failures = 0;
  private everOpened = false;
  private nextId = 1;
  private readonly outbox: string[] = [];
  private pumpTimer: unknown = null;
  private watchdog: unknown = null;
  private reconnectTimer: unknown = null;
  private sentThisSecond: number[] = [];

  constructor(
    private readonly owner: BinanceKlineStream,
    readonly index: number,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  subscribe(entries: Array<[string, StreamSeries]>): void {
    for (const [name, s] of entries) this.series.set(name, s);
    if (this.isOpen)
      this.queue(
        'SUBSCRIBE',
        entries.map(([name]) => name),
      );
  }

  unsubscribe(names: string[]): void {
    for (const name of names) this.series.delete(name);
    this.owner.forget(names);
    if (this.isOpen) this.queue('UNSUBSCRIBE', names);
    if (this.series.size === 0) this.drop(); // nothing left to listen to
  }

  connect(): void {
    if (this.owner.isStopped || this.ws !== null || this.series.size === 0) return;
    const ws = new WebSocket(this.owner.url(), { handshakeTimeout: 10_000 });
    this.ws = ws;
    this.lastHeardAt = this.owner.now();
    ws.on('open', () => {
      const reconnect = this.everOpened;
      this.everOpened = true;
      this.failures = 0;
      this.openedAt = this.owner.now();
      this.lastHeardAt = this.openedAt;
      this.outbox.length = 0; // whatever was queued for the old connection is in the set below
      this.queue('SUBSCRIBE', [...this.series.keys()]);
      this.armWatchdog();
      this.owner.opened([...this.series.values()], reconnect);
    });
    ws.on('message', (data) => {
      this.lastHeardAt = this.owner.now();
      const frame = parseStreamFrame(data.toString());
      if (frame.kind === 'kline') this.owner.deliver(frame.update, this.series.has(frame.update.stream));
      else if (frame.kind === 'shutdown') this.restart(); // Binance announces a restart: reconnect at once
    });
    ws.on('ping', () => {
      this.lastHeardAt = this.owner.now(); // ws answers the pong with the same payload itself
    });
    ws.on('close', () => this.lost(ws));
    ws.on('error', () => this.lost(ws));
  }

  close(): void {
    this.drop();
    if (this.reconnectTimer !== null) this.owner.clearTimer(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** Replaces the connection now (a stall, the 24-hour rotation, a shutdown notice). */
  private restart(): void {
    const ws = this.ws;
    if (ws === null) return;
    this.drop();
    this.owner.refreshStats();
    this.connect();
  }

  private lost(ws: WebSocket): void {
    if (this.ws !== ws) return; // an old connection finishing its close
    this.drop();
    this.owner.refreshStats();
    if (this.owner.isStopped || this.series.size === 0 || this.reconnectTimer !== null) return;
    this.failures++;
    const delay = backoffDelay(this.failures, {
      baseDelayMs: this.owner.limits.reconnectBaseMs,
      maxDelayMs: this.owner.limits.reconnectMaxMs,
      factor: 2,
      jitter: 0.2,
    });
    this.reconnectTimer = this.owner.setTimer(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (this.watchdog !== null) this.owner.clearTimer(this.watchdog);
    if (this.pumpTimer !== null) this.owner.clearTimer(this.pumpTimer);
    this.watchdog = null;
    this.pumpTimer = null;
    this.outbox.length = 0;
    if (ws) {
      ws.removeAllListeners('message');
      ws.on('error', () => undefined); // a terminate() mid-handshake still emits one
      ws.terminate();
    }
  }

  private armWatchdog(): void {
    const { stallMs, maxConnectionAgeMs } = this.owner.limits;
    const every = Math.max(50, Math.min(stallMs / 4, 5_000));
    this.watchdog = this.owner.setTimer(() => {
      this.watchdog = null;
      const now = this.owner.now();
      if (now - this.lastHeardAt > stallMs) {
        this.owner.stats.stalls++;
        this.restart();
      } else if (now - this.openedAt > maxConnectionAgeMs) this.restart();
      else this.armWatchdog();
    }, every);
  }

  private queue(method: 'SUBSCRIBE' | 'UNSUBSCRIBE', names: string[]): void {
    const per = this.owner.limits.namesPerMessage;
    for (let i = 0; i < names.length; i += per) {
      this.outbox.push(JSON.stringify({ method, params: names.slice(i, i + per), id: this.nextId++ }));
    }
    this.pump();
  }

  /** Sends queued control messages, never more than the per-second limit in any rolling second. */
  private pump(): void {
    if (this.pumpTimer !== null) return;
    while (this.outbox.length > 0 && this.ws?.readyState === WebSocket.OPEN) {
      const now = this.owner.now();
      this.sentThisSecond = this.sentThisSecond.filter((t) => now - t < PACING_WINDOW_MS);
      if (this.sentThisSecond.length >= this.owner.limits.controlMessagesPerSecond) {
        const wait = PACING_WINDOW_MS - (now - this.sentThisSecond[0]) + 1;
        this.pumpTimer = this.owner.setTimer(() => {
          this.pumpTimer = null;
          this.pump();
        }, wait);
        return;
      }
      this.sentThisSecond.push(now);
      this.ws.send(this.outbox.shift()!);
    }
  }
}
