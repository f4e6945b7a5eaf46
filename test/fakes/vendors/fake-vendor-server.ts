import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/base/time/clock.js';
import type { Bar } from '../../../src/base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../../../src/base/domain/timeframe.js';
import { aggregateBars, planTimeframe } from '../../../src/market-data/providers/bar-utils.js';

/** How the next request(s) should fail. `note` is Alpha Vantage's HTTP-200 rate-limit answer. */
export type FailureMode =
  | { kind: 'rateLimit'; retryAfterSec?: number; status?: 429 | 418 }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'note'; text?: string };

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  url: string;
}

export interface FakeResponse {
  status: number;
  body: unknown; // JSON-encoded unless a string
  headers?: Record<string, string>;
}

export interface FakeVendorOptions {
  /** When given, only bars that have started by `clock.now()` exist, the last one still forming. */
  clock?: Clock;
}

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) answering in one vendor's wire format from
 * in-memory bars. Subclasses translate; this class records requests and injects failures.
 */
export abstract class FakeVendorServer {
  readonly requests: RecordedRequest[] = [];
  private readonly series = new Map<string, Bar[]>();
  private readonly failures: FailureMode[] = [];
  private persistent: FailureMode | null = null;
  /** Failures of the requests for one symbol (`symbol=` in the query), until `recover()`. */
  private readonly bySymbol = new Map<string, FailureMode>();
  /** Symbols whose answers wait for `release(symbol)`, with the answers waiting. */
  private readonly held = new Map<string, Array<() => void>>();
  private server: Server | null = null;
  private url = '';

  constructor(protected readonly options: FakeVendorOptions = {}) {}

  get baseUrl(): string {
    return this.url;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections(); // hung requests would otherwise keep close() waiting
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  setBars(symbol: string, tf: Timeframe, bars: Bar[]): this {
    this.series.set(
      `${symbol}|${tf}`,
      [...bars].sort((a, b) => a.openTime - b.openTime),
    );
    return this;
  }

  /** The next `times` requests fail this way, then normal answers resume. */
  failNext(mode: FailureMode, times = 1): this {
    for (let i = 0; i < times; i++) this.failures.push(mode);
    return this;
  }

  /** Every request fails this way until `recover()`. */
  failAlways(mode: FailureMode): this {
    this.persistent = mode;
    return this;
  }

  /** Every request for `symbol` fails this way until `recover()`; the other symbols answer normally. */
  failSymbol(symbol: string, mode: FailureMode): this {
    this.bySymbol.set(symbol, mode);
    return this;
  }

  /** `symbol` answers normally again (its failure from `failSymbol` is dropped). */
  recoverSymbol(symbol: string): this {
    this.bySymbol.delete(symbol);
    return this;
  }

  /** Requests for `symbol` get no answer until `release(symbol)` (a slow symbol, held as long as a test needs). */
  hold(symbol: string): this {
    if (!this.held.has(symbol)) this.held.set(symbol, []);
    return this;
  }

  /** Answers every held request for `symbol` and stops holding it. */
  release(symbol: string): this {
    const waiting = this.held.get(symbol) ?? [];
    this.held.delete(symbol);
    for (const answer of waiting) answer();
    return this;
  }

  /** Requests for `symbol` waiting to be answered. */
  heldCount(symbol: string): number {
    return this.held.get(symbol)?.length ?? 0;
  }

  recover(): this {
    this.failures.length = 0;
    this.persistent = null;
    this.bySymbol.clear();
    return this;
  }

  requestCount(pathPrefix = ''): number {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix)).length;
  }

  /**
   * Bars of `symbol` at `tf` as the vendor would know them now: folded from a finer stored series
   * when `tf` is not stored, cut at the clock, and the bar containing `now` made partial.
   */
  protected barsFor(symbol: string, tf: Timeframe): Bar[] | undefined {
    let bars = this.series.get(`${symbol}|${tf}`);
    if (!bars) {
      const stored = Object.fromEntries(
        [...this.series.keys()].filter((k) => k.startsWith(`${symbol}|`)).map((k) => [k.split('|')[1], 'x']),
      );
      const plan = planTimeframe(tf, stored);
      if (!plan) return [...this.series.keys()].some((k) => k.startsWith(`${symbol}|`)) ? [] : undefined;
      bars = aggregateBars(this.visible(this.series.get(`${symbol}|${plan.base}`)!, plan.base), tf);
      return this.options.clock ? bars.filter((b) => b.openTime <= this.options.clock!.now()) : bars;
    }
    return this.visible(bars, tf);
  }

  /** The forming bar moves linearly from its open toward its final close as the clock runs. */
  private visible(bars: Bar[], tf: Timeframe): Bar[] {
    const clock = this.options.clock;
    if (!clock) return bars;
    const now = clock.now();
    const out = bars.filter((b) => b.openTime <= now);
    const last = out[out.length - 1];
    if (last && last.closeTime >= now) {
      const f = Math.min(1, (now - last.openTime + 1) / TIMEFRAME_MS[tf]);
      const close = last.open + (last.close - last.open) * f;
      out[out.length - 1] = {
        ...last,
        close,
        high: Math.max(last.open, close),
        low: Math.min(last.open, close),
        volume: last.volume * f,
      };
    }
    return out;
  }

  /** Every symbol with a stored series. */
  protected symbols(): string[] {
    return [...new Set([...this.series.keys()].map((k) => k.split('|')[0]))];
  }

  protected hasSymbol(symbol: string): boolean {
    return [...this.series.keys()].some((k) => k.startsWith(`${symbol}|`));
  }

  protected abstract route(req: RecordedRequest): FakeResponse;
  protected abstract rateLimitAnswer(mode: Extract<FailureMode, { kind: 'rateLimit' }>): FakeResponse;

  /** Alpha Vantage overrides this; other vendors never answer 200 to say "slow down". */
  protected noteAnswer(mode: Extract<FailureMode, { kind: 'note' }>): FakeResponse {
    return { status: 200, body: { Note: mode.text ?? 'slow down' } };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = { path: parsed.pathname, query: parsed.searchParams, url: req.url ?? '/' };
    this.requests.push(recorded);
    const symbol = parsed.searchParams.get('symbol') ?? '';
    const waiting = this.held.get(symbol);
    if (waiting) {
      waiting.push(() => this.answer(recorded, symbol, res));
      return;
    }
    this.answer(recorded, symbol, res);
  }

  private answer(recorded: RecordedRequest, symbol: string, res: ServerResponse): void {
    if (res.destroyed) return;
    const failure = this.failures.shift() ?? this.bySymbol.get(symbol) ?? this.persistent;
    if (failure?.kind === 'hang') return; // never answer; the client's timeout must fire
    const answer = failure ? this.failureAnswer(failure) : this.safeRoute(recorded);
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8', ...answer.headers });
    res.end(text);
  }

  private failureAnswer(f: Exclude<FailureMode, { kind: 'hang' }>): FakeResponse {
    if (f.kind === 'rateLimit') return this.rateLimitAnswer(f);
    if (f.kind === 'note') return this.noteAnswer(f);
    if (f.kind === 'garbage') return { status: 200, body: '<html><body>502 Bad Gateway</body>' };
    return { status: f.status, body: f.body ?? `{"error":"fake ${f.status}"}` };
  }

  private safeRoute(req: RecordedRequest): FakeResponse {
    try {
      return this.route(req);
    } catch (err) {
      return { status: 500, body: { error: `fake server bug: ${(err as Error).message}` } };
    }
  }
}
