import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../base/time/clock.js';
import { ValidationFailed } from '../common/errors.js';
import { BarCache, mergeBars } from './bar-cache.js';
import { missingRanges, vouchedTo, windowSpans } from './bar-window.js';
import { BarsRepository, type SeriesKey } from './bars.repository.js';
import type { Bar } from '../base/domain/bar.js';
import type { GuardedProvider } from './core/guarded-provider.js';
import { AllProvidersFailedError, ProviderChain } from './core/provider-chain.js';
import { SingleFlight } from '../base/resilience/singleflight.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { toMarketDataError } from './market-data-errors.js';
import { isForming } from './providers/index.js';
import { MARKET_DATA_PROVIDERS } from './provider-set.js';
import { LiveBars } from './streams/live-bars.js';

export interface ClosedBarsRequest {
  symbol: string;
  timeframe: Timeframe;
  /** Tried first; when it fails the others follow in PROVIDER_PRIORITY order (the answer names who served). */
  provider?: string;
  /** Inclusive lower bound on openTime. Given: the first `limit` bars from here; absent: the last `limit` before `toMs`. */
  fromMs?: number;
  /** Exclusive upper bound on openTime; default and cap: the forming bar's open (closed bars only). */
  toMs?: number;
  /** At most this many bars (1…5000). */
  limit: number;
}

export interface BarsResult {
  provider: string;
  /** Closed bars, ascending by openTime; gaps are the vendor's and are not filled. */
  bars: Bar[];
}

export interface SyncResult extends BarsResult {
  /** Rows this call inserted or changed in the store. */
  stored: number;
}

export interface FormingBarResult {
  provider: string;
  /** The bar in progress now, or null when the vendor has none (market closed, no trade yet). */
  bar: Bar | null;
}

interface LoadContext {
  req: ClosedBarsRequest;
  now: number;
  tfMs: number;
  formingOpen: number;
  /** Exclusive openTime bound of the whole request, on a bar boundary. */
  end: number;
}

interface Loaded {
  bars: Bar[];
  written: number;
}

/** A streamed forming bar older than this is not trusted (the stream may have stalled): REST is asked. */
const LIVE_MAX_AGE_MS = 3_000;

/** A near-present range found incomplete is not asked for again before this (or one timeframe, if shorter). */
const PROBE_TTL_MS = 60_000;

/** The chain answered from another provider: the window is reloaded from that one alone, so no answer mixes vendors. */
class FailedOver extends Error {
  constructor(readonly provider: string) {
    super(`failed over to ${provider}`);
  }
}

const keyOf = (s: SeriesKey) => `${s.provider}|${s.symbol}|${s.timeframe}`;

function ceilToBar(t: number, tf: Timeframe): number {
  const open = barOpenTime(t, tf);
  return open === t ? t : open + TIMEFRAME_MS[tf];
}

/**
 * Closed bars as the service sees them (CONTRACT §2, §6): memory cache, then the `bars` table,
 * then the providers for only what is missing, which is stored. A bar close watched by many
 * alerts costs one vendor request: identical loads share one promise, and the tail after the
 * cached bars is loaded once for every window that ends at the same bar.
 */
@Injectable()
export class DataManager {
  readonly chain: ProviderChain;
  private readonly cache = new BarCache();
  private readonly fills = new SingleFlight<Loaded>();
  private readonly live = new LiveBars();

  constructor(
    @Inject(MARKET_DATA_PROVIDERS) readonly providers: readonly GuardedProvider[],
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: BarsRepository,
    private readonly clock: Clock,
  ) {
    this.chain = new ProviderChain(providers, config.providers.priority);
  }

  /** Names of the providers enabled in this deployment, in failover order. */
  enabledProviders(): string[] {
    return this.chain.providers.map((p) => p.name);
  }

  /** The provider a series of `symbol` is read from now (pinned, or the first in priority serving it), or null. */
  providerFor(symbol: string, preferred?: string): string | null {
    try {
      return this.primaryFor(symbol, preferred);
    } catch {
      return null;
    }
  }

  /** Throws a DomainError: 400 for a provider not enabled, 404 when no provider has the symbol, 503 when all fail. */
  async getClosedBars(req: ClosedBarsRequest): Promise<BarsResult> {
    const { provider, bars } = await this.load(req);
    return { provider, bars };
  }

  /** getClosedBars that also says how many bars it wrote to the store (the dataSync job's report). */
  syncBars(req: ClosedBarsRequest): Promise<SyncResult> {
    return this.load(req);
  }

  /**
   * A bar the exchange's stream says has closed: appended to the cached series when it is the very
   * next bar after what the cache vouches for (so the evaluation at this close needs no request),
   * and stored. A bar after a gap the cache cannot vouch for is left to the REST path.
   */
  acceptClosedBar(series: SeriesKey, bar: Bar): boolean {
    const key = keyOf(series);
    const entry = this.cache.peek(key);
    if (!entry || entry.to !== bar.openTime || bar.closeTime >= this.clock.now()) return false;
    this.cache.merge(key, { from: bar.openTime, to: bar.openTime + TIMEFRAME_MS[series.timeframe], bars: [bar] });
    void this.repo.upsert(series, [bar], new Date(this.clock.now())).catch(() => undefined); // the REST path stores it too
    return true;
  }

  /** The forming bar of a streamed series, as the exchange last sent it. */
  acceptFormingBar(series: SeriesKey, bar: Bar): void {
    this.live.set(keyOf(series), bar, this.clock.now());
  }

  /** The forming bar, for `oncePerBar` alerts. Never cached nor stored: it changes until it closes. */
  async getFormingBar(req: { symbol: string; timeframe: Timeframe; provider?: string }): Promise<FormingBarResult> {
    try {
      this.checkProvider(req.provider);
      const now = this.clock.now();
      const streamed = this.streamedForming(req.symbol, req.timeframe, req.provider, now);
      if (streamed) return streamed;
      const open = barOpenTime(now, req.timeframe);
      const res = await this.chain.fetchCandles({
        symbol: req.symbol,
        timeframe: req.timeframe,
        fromMs: open,
        toMs: open + TIMEFRAME_MS[req.timeframe],
        nowMs: now,
        includeForming: true,
        provider: this.primaryFor(req.symbol, req.provider),
      });
      const last = res.bars[res.bars.length - 1];
      return { provider: res.provider, bar: last && isForming(last, now) ? last : null };
    } catch (err) {
      throw toMarketDataError(err, req.symbol, req.timeframe);
    }
  }

  /** The stream's forming bar when it is fresh (at most LIVE_MAX_AGE_MS old) and from the provider asked for. */
  private streamedForming(
    symbol: string,
    tf: Timeframe,
    preferred: string | undefined,
    now: number,
  ): FormingBarResult | null {
    const provider = this.primaryFor(symbol, preferred);
    const bar = this.live.get(keyOf({ provider, symbol, timeframe: tf }), now, LIVE_MAX_AGE_MS);
    return bar ? { provider, bar } : null;
  }

  private async load(req: ClosedBarsRequest): Promise<SyncResult> {
    try {
      this.checkProvider(req.provider);
      const now = this.clock.now();
      const formingOpen = barOpenTime(now, req.timeframe);
      const end = Math.min(req.toMs === undefined ? formingOpen : ceilToBar(req.toMs, req.timeframe), formingOpen);
      const ctx: LoadContext = { req, now, tfMs: TIMEFRAME_MS[req.timeframe], formingOpen, end };
      const series: SeriesKey = {
        provider: this.primaryFor(req.symbol, req.provider),
        symbol: req.symbol,
        timeframe: req.timeframe,
      };
      try {
        return await this.window(series, ctx, false);
      } catch (err) {
        if (!(err instanceof FailedOver)) throw err;
        return await this.window({ ...series, provider: err.provider }, ctx, true);
      }
    } catch (err) {
      throw toMarketDataError(err, req.symbol, req.timeframe);
    }
  }

  /** The requested bars from one provider: the exact span first, a widened one when gaps left it short. */
  private async window(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<SyncResult> {
    const { req, end } = ctx;
    const start = req.fromMs === undefined ? undefined : ceilToBar(req.fromMs, req.timeframe);
    let picked: Bar[] = [];
    let written = 0;
    for (const span of windowSpans(req.limit, ctx.tfMs)) {
      const from = start ?? end - span;
      const to = start === undefined ? end : Math.min(end, start + span);
      if (from >= to) break;
      const got = await this.ensure(series, from, to, ctx, direct);
      written += got.written;
      picked = start === undefined ? got.bars.slice(-req.limit) : got.bars.slice(0, req.limit);
      if (picked.length >= req.limit || (start !== undefined && to === end)) break;
    }
    return { provider: series.provider, bars: picked, stored: written };
  }

  /** Bars of [from, to): from the cache when it vouches for the range, else loading what it lacks. */
  private async ensure(
    series: SeriesKey,
    from: number,
    to: number,
    ctx: LoadContext,
    direct: boolean,
  ): Promise<Loaded> {
    const key = keyOf(series);
    const hit = this.cache.covered(key, from, to, ctx.now);
    if (hit) return { bars: hit, written: 0 };
    const entry = this.cache.peek(key);
    // The cache holds the head of the range (the bar-close path): only the tail after it is loaded,
    // once for every window ending at this bar whatever its length.
    const loadFrom = entry && entry.from <= from && entry.to >= from ? entry.to : from;
    const head = loadFrom > from ? this.cache.slice(key, from, loadFrom) : [];
    const tail = await this.fills.do(`${key}|${loadFrom}|${to}`, () => this.fill(series, loadFrom, to, ctx, direct));
    return { bars: head.concat(tail.bars), written: tail.written };
  }

  /** Store first, then the provider for the head and tail the store lacks; fetched bars are stored and cached. */
  private async fill(series: SeriesKey, from: number, to: number, ctx: LoadContext, direct: boolean): Promise<Loaded> {
    const stored = await this.repo.range(series, from, to);
    const fetched: Bar[] = [];
    for (const [a, b] of missingRanges(from, to, stored, ctx.tfMs))
      fetched.push(...(await this.fetch(series, a, b, ctx, direct)));
    const written = fetched.length ? await this.repo.upsert(series, fetched, new Date(ctx.now)) : 0;
    const bars = mergeBars(stored, fetched);
    this.cache.merge(keyOf(series), {
      from,
      to: vouchedTo(from, to, bars, ctx.tfMs, ctx.formingOpen),
      bars,
      probedTo: to,
      probeUntil: ctx.now + Math.min(ctx.tfMs, PROBE_TTL_MS),
    });
    return { bars, written };
  }

  private async fetch(
    series: SeriesKey,
    fromMs: number,
    toMs: number,
    ctx: LoadContext,
    direct: boolean,
  ): Promise<Bar[]> {
    const query = { symbol: series.symbol, timeframe: series.timeframe, fromMs, toMs, nowMs: ctx.now };
    // Belt and braces: a forming bar must never reach the store, whatever an adapter answers.
    const closed = (bars: Bar[]) => bars.filter((b) => b.closeTime < ctx.now);
    if (direct) return closed(await this.chain.get(series.provider)!.fetchCandles(query));
    const res = await this.chain.fetchCandles({ ...query, provider: series.provider });
    if (res.provider === series.provider) return closed(res.bars);
    // Kept, so the reload from the provider that answered finds this range in the store.
    await this.repo.upsert({ ...series, provider: res.provider }, closed(res.bars), new Date(ctx.now));
    throw new FailedOver(res.provider);
  }

  /** The provider asked for when it serves the symbol and its circuit is closed, else the next such in priority. */
  private primaryFor(symbol: string, preferred?: string): string {
    const candidates = this.chain.candidates(symbol, preferred);
    if (candidates.length === 0) throw new AllProvidersFailedError(symbol, []);
    return (candidates.find((p) => !p.isAvailable || p.isAvailable()) ?? candidates[0]).name;
  }

  private checkProvider(provider: string | undefined): void {
    if (provider === undefined || this.chain.get(provider)) return;
    throw new ValidationFailed([
      `provider ${provider} is not enabled in this deployment (enabled: ${this.enabledProviders().join(', ')})`,
    ]);
  }
}
