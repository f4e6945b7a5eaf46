import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

import type { Bar } from '../../../src/base/domain/bar.js';

interface ControlMessage {
  at: number;
  connection: number;
  method: string;
  params: string[];
}

/**
 * A real WebSocket server on 127.0.0.1 that speaks Binance's spot market-stream protocol on
 * `/stream` (combined streams): SUBSCRIBE/UNSUBSCRIBE answered `{"result": null, "id"}`, kline
 * events wrapped `{"stream", "data"}` with prices as strings, ping frames, and the
 * `serverShutdown` notice. Tests push klines, drop connections, or go silent.
 */
export class FakeBinanceStreamServer {
  readonly control: ControlMessage[] = [];
  private wss: WebSocketServer | null = null;
  private readonly sockets = new Map<WebSocket, { id: number; streams: Set<string> }>();
  private nextConnection = 1;
  private silent = false;
  private pinger: NodeJS.Timeout | null = null;
  connectionsOpened = 0;

  static async start(options: { pingIntervalMs?: number; port?: number } = {}): Promise<FakeBinanceStreamServer> {
    const fake = new FakeBinanceStreamServer();
    await fake.listen(options.pingIntervalMs ?? 0, options.port ?? 0);
    return fake;
  }

  get url(): string {
    const { port } = this.wss!.address() as AddressInfo;
    return `ws://127.0.0.1:${port}`;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  /** Every stream some connection is subscribed to. */
  subscribed(): string[] {
    const all = new Set<string>();
    for (const { streams } of this.sockets.values()) for (const s of streams) all.add(s);
    return [...all].sort();
  }

  /** Streams per open connection. */
  streamsPerConnection(): number[] {
    return [...this.sockets.values()].map(({ streams }) => streams.size);
  }

  /** Pushes one kline event to every connection subscribed to `<symbol>@kline_<interval>`. */
  emitKline(symbol: string, interval: string, bar: Bar, closed: boolean, eventTime = Date.now()): number {
    const stream = `${symbol.toLowerCase()}@kline_${interval}`;
    const data = {
      e: 'kline',
      E: eventTime,
      s: symbol.toUpperCase(),
      k: {
        t: bar.openTime,
        T: bar.closeTime,
        s: symbol.toUpperCase(),
        i: interval,
        f: 100,
        L: 200,
        o: bar.open.toFixed(8),
        c: bar.close.toFixed(8),
        h: bar.high.toFixed(8),
        l: bar.low.toFixed(8),
        v: bar.volume.toFixed(8),
        n: 100,
        x: closed,
        q: '1.00000000',
        V: '0.50000000',
        Q: '0.50000000',
        B: '0',
      },
    };
    let sent = 0;
    for (const [ws, { streams }] of this.sockets) {
      if (!streams.has(stream) || this.silent) continue;
      ws.send(JSON.stringify({ stream, data }));
      sent++;
    }
    return sent;
  }

  /** Cuts every connection without a close handshake (a dropped network). */
  dropAll(): void {
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
  }

  /** While silent the server sends nothing at all, pings included: a stalled connection. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Binance's notice before a server restart. */
  announceShutdown(): void {
    for (const ws of this.sockets.keys()) ws.send(JSON.stringify({ e: 'serverShutdown', E: Date.now() }));
  }

  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const ws of this.sockets.keys()) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }

  private async listen(pingIntervalMs: number, port: number): Promise<void> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/stream' });
    this.wss = wss;
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', () => resolve());
      wss.once('error', reject);
    });
    wss.on('connection', (ws) => {
      const state = { id: this.nextConnection++, streams: new Set<string>() };
      this.connectionsOpened++;
      this.sockets.set(ws, state);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (raw) => this.onControl(ws, state, raw.toString()));
    });
    if (pingIntervalMs > 0) {
      this.pinger = setInterval(() => {
        if (this.silent) return;
        for (const ws of this.sockets.keys()) ws.ping();
      }, pingIntervalMs);
    }
  }

  private onControl(ws: WebSocket, state: { id: number; streams: Set<string> }, text: string): void {
    let msg: { method?: string; params?: string[]; id?: number };
    try {
      msg = JSON.parse(text);
    } catch {
      ws.send(JSON.stringify({ code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' }));
      return;
    }
    const params = Array.isArray(msg.params) ? msg.params : [];
    this.control.push({ at: Date.now(), connection: state.id, method: String(msg.method), params });
    if (msg.method === 'SUBSCRIBE') for (const p of params) state.streams.add(p);
    else if (msg.method === 'UNSUBSCRIBE') for (const p of params) state.streams.delete(p);
    if (!this.silent) ws.send(JSON.stringify({ result: null, id: msg.id ?? null }));
  }
}
