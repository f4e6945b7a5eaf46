import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../base/time/clock.js';
import { ValidationFailed } from '../common/errors.js';
import { BarCache, mergeBars } from './bar-cache.js';
import { vouchedTo, windowSpans } from './bar-window.js';
import { coverageStart, uncovered } from './core/coverage.js';
import { BarsRepository, type SeriesKey } from './bars.repository.js';
import type { Bar } from '../base/domain/bar.js';
import type { GuardedProvider } from './core/guarded-provider.js';
import { AllProvidersFailedError, ProviderChain, type ChainResult } from './core/provider-chain.js';
import { SingleFlight } from '../base/resilience/singleflight.js';
import { barOpenTime, TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { toMarketDataError } from './market-data-errors.js';
import { fetchLastCandles, isForming } from './providers/index.js';
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
  constructor(
    readonly provider: string,
    readonly symbol: string,
  ) {
    super(`failed over to ${provider} (${symbol})`);
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
    this.chain = new ProviderChain(providers, config.providers.priority, {
      clock,
      symbolMap: config.providers.symbolMap,
    });
  }

  /** Names of the providers enabled in this deployment, in failover order. */
  enabledProviders(): string[] {
    return this.chain.providers.map((p) => p.name);
  }

  /**
   * The provider a series is asked first: the one pinned, else the first in priority. No I/O (it is
   * asked for every alert when the streamed series are rebuilt); failover may still read elsewhere.
   */
  providerFor(preferred?: string): string | null {
    return preferred ?? this.enabledProviders()[0] ?? null;
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
        provider: (await this.primaryFor(req.symbol, req.timeframe, req.provider)).provider,
        pinned: req.provider !== undefined,
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
    const provider = this.providerFor(preferred);
    if (provider === null) return null;
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
      // The series as its provider names it (SYMBOL_MAP may give it another name there).
      const series: SeriesKey = {
        ...(await this.primaryFor(req.symbol, req.timeframe, req.provider)),
        timeframe: req.timeframe,
      };
      try {
        return await this.window(series, ctx, false);
      } catch (err) {
        if (!(err instanceof FailedOver)) throw err;
        return await this.window({ ...series, provider: err.provider, symbol: err.symbol }, ctx, true);
      }
    } catch (err) {
      throw toMarketDataError(err, req.symbol, req.timeframe);
    }
  }

  /** The requested bars from one provider: by count back from `end` (CONTRACT §8), or forward from `fromMs`. */
  private window(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<SyncResult> {
    return ctx.req.fromMs === undefined ? this.lastWindow(series, ctx, direct) : this.firstWindow(series, ctx, direct);
  }

  /**
   * The last N closed bars the source has before `end`, however long ago (CONTRACT §8). The memory
   * cache answers the bar-close path; when it holds the head, only the tail after it is loaded,
   * once for every window ending at this bar whatever its length.
   */
  private async lastWindow(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<SyncResult> {
    const { end, tfMs } = ctx;
    const n = ctx.req.limit;
    const key = keyOf(series);
    const result = (bars: Bar[], stored: number): SyncResult => ({ provider: series.provider, bars, stored });
    const hit = this.cache.last(key, end, n, ctx.now);
    if (hit) return result(hit, 0);
    const entry = this.cache.peek(key);
    let written = 0;
    if (entry && entry.from < end && entry.to < end && end - entry.to <= n * tfMs) {
      const tail = await this.fills.do(`${key}|${entry.to}|${end}`, () =>
        this.loadRange(series, entry.to, end, ctx, direct),
      );
      written += tail.written;
      const again = this.cache.last(key, end, n, ctx.now);
      if (again) return result(again, written);
    }
    const loaded = await this.fills.do(`${key}|last|${end}|${n}`, () => this.loadLast(series, ctx, direct));
    return result(loaded.bars, written + loaded.written);
  }

  /** The store when its covered ranges prove it holds the last N (a short tail loaded first), else the provider by count. */
  private async loadLast(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<Loaded> {
    const { end, tfMs, now } = ctx;
    const n = ctx.req.limit;
    const known = await this.repo.coverage(series, end - n * tfMs, end);
    const cov = known.filter((c) => coverageStart(c) < end).sort((a, b) => b.to - a.to)[0];
    if (cov) {
      const headTo = Math.min(cov.to, end);
      const tail = headTo < end ? await this.loadRange(series, headTo, end, ctx, direct) : undefined;
      const head = await this.repo.range(series, cov.historyStart ? 0 : cov.from, headTo, { limit: n, newest: true });
      const bars = tail ? head.concat(tail.bars).slice(-n) : head;
      if (bars.length === n || cov.historyStart) {
        this.cache.merge(keyOf(series), {
          from: bars.length === n ? bars[0].openTime : cov.from,
          to: tail ? tail.vouched : headTo,
          bars,
          historyStart: bars.length < n,
          probedTo: end,
          probeUntil: now + Math.min(tfMs, PROBE_TTL_MS),
        });
        return { bars, written: tail?.written ?? 0 };
      }
    }
    const bars = await this.fetchLast(series, ctx, direct);
    return { bars, written: await this.storeLast(series, bars, ctx) };
  }

  /** Stores the provider's last N bars before `end` as covered from the first of them (from the start of its history when fewer). */
  private async storeLast(series: SeriesKey, bars: Bar[], ctx: LoadContext): Promise<number> {
    const { end, tfMs, now } = ctx;
    const historyStart = bars.length < ctx.req.limit;
    const from = bars[0]?.openTime ?? 0;
    const to = vouchedTo(from, end, bars, tfMs, ctx.formingOpen);
    const covered = to > from ? { from, to, historyStart } : undefined;
    const written = await this.repo.upsert(series, bars, new Date(now), covered);
    this.cache.merge(keyOf(series), {
      from,
      to: covered ? to : from,
      bars,
      historyStart,
      probedTo: end,
      probeUntil: now + Math.min(tfMs, PROBE_TTL_MS),
    });
    return written;
  }

  /** The first N bars from `fromMs`: the exact span first, a widened one when gaps left it short. */
  private async firstWindow(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<SyncResult> {
    const { req, end } = ctx;
    const start = ceilToBar(req.fromMs!, req.timeframe);
    let picked: Bar[] = [];
    let written = 0;
    for (const span of windowSpans(req.limit, ctx.tfMs)) {
      const to = Math.min(end, start + span);
      if (start >= to) break;
      const hit = this.cache.covered(keyOf(series), start, to, ctx.now);
      const got = hit ? { bars: hit, written: 0 } : await this.loadRange(series, start, to, ctx, direct);
      written += got.written;
      picked = got.bars.slice(0, req.limit);
      if (picked.length >= req.limit || to === end) break;
    }
    return { provider: series.provider, bars: picked, stored: written };
  }

  /**
   * Every bar of [from, to) as the provider has it now: the parts no covered range of the store
   * holds are fetched, stored and recorded as covered (as far as they can be vouched for), the
   * rest is read from the store. Gaps inside covered ranges are the vendor's and stay gaps.
   */
  private async loadRange(
    series: SeriesKey,
    from: number,
    to: number,
    ctx: LoadContext,
    direct: boolean,
  ): Promise<Loaded & { vouched: number }> {
    const { tfMs, now } = ctx;
    const gaps = uncovered(from, to, await this.repo.coverage(series, from, to));
    const fetched: Bar[] = [];
    let written = 0;
    let vouched = to;
    for (const [a, b] of gaps) {
      const got = await this.fetchRange(series, a, b, ctx, direct);
      const v = vouchedTo(a, b, got, tfMs, ctx.formingOpen);
      written += await this.repo.upsert(
        series,
        got,
        new Date(now),
        v > a ? { from: a, to: v, historyStart: false } : undefined,
      );
      if (v < b && vouched === to) vouched = v;
      fetched.push(...got);
    }
    const whole = gaps.length === 1 && gaps[0][0] === from && gaps[0][1] === to;
    const bars = whole ? fetched : mergeBars(await this.repo.range(series, from, to), fetched);
    this.cache.merge(keyOf(series), {
      from,
      to: vouched,
      bars,
      probedTo: to,
      probeUntil: now + Math.min(tfMs, PROBE_TTL_MS),
    });
    return { bars, written, vouched };
  }

  /** The last N bars before `end` from the provider, counted by it (CONTRACT §8). */
  private async fetchLast(series: SeriesKey, ctx: LoadContext, direct: boolean): Promise<Bar[]> {
    const query = {
      symbol: series.symbol,
      timeframe: series.timeframe,
      toMs: ctx.end,
      count: ctx.req.limit,
      nowMs: ctx.now,
    };
    const closed = (bars: Bar[]) => bars.filter((b) => b.closeTime < ctx.now);
    if (direct) return closed(await fetchLastCandles(this.chain.get(series.provider)!, query));
    const res = await this.chain.fetchLastCandles({ ...query, ...this.preference(series, ctx) });
    if (res.provider === series.provider) return closed(res.bars);
    // Another provider answered: kept as its last N, so the reload from it is read from the store.
    await this.storeLast({ ...series, provider: res.provider, symbol: res.symbol }, closed(res.bars), ctx);
    throw new FailedOver(res.provider, res.symbol);
  }

  private async fetchRange(
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
    const res = await this.chain.fetchCandles({ ...query, ...this.preference(series, ctx) });
    return this.sameProvider(series, res, ctx);
  }

  /** Start at the series' provider; it is pinned only when the caller chose it. */
  private preference(series: SeriesKey, ctx: LoadContext) {
    return { provider: series.provider, pinned: ctx.req.provider !== undefined };
  }

  /** The chain's answer when it came from the series' provider; else it is kept and the window restarts there. */
  private async sameProvider(series: SeriesKey, res: ChainResult, ctx: LoadContext) {
    const closed = res.bars.filter((b) => b.closeTime < ctx.now);
    if (res.provider === series.provider) return closed;
    // Kept, so the reload from the provider that answered finds these bars in the store.
    await this.repo.upsert({ ...series, provider: res.provider, symbol: res.symbol }, closed, new Date(ctx.now));
    throw new FailedOver(res.provider, res.symbol);
  }

  /**
   * The provider asked first, with its name for the symbol: the pinned one, else the first in
   * priority not known to lack the symbol whose circuit is closed. None: a 404 with each one's reason.
   */
  private async primaryFor(
    symbol: string,
    timeframe: Timeframe,
    preferred?: string,
  ): Promise<{ provider: string; symbol: string }> {
    // Pinned: that provider, at once (no symbol list is waited for).
    const pinned = preferred === undefined ? undefined : this.chain.get(preferred);
    if (pinned) return { provider: pinned.name, symbol: this.chain.nameAt(pinned.name, symbol) };
    const routes = await this.chain.routes(symbol);
    if (routes.length === 0) throw new AllProvidersFailedError(symbol, this.chain.absence(symbol, timeframe));
    const route = routes.find((r) => !r.provider.isAvailable || r.provider.isAvailable()) ?? routes[0];
    return { provider: route.provider.name, symbol: route.symbol };
  }

  private checkProvider(provider: string | undefined): void {
    if (provider === undefined || this.chain.get(provider)) return;
    throw new ValidationFailed([
      `provider ${provider} is not enabled in this deployment (enabled: ${this.enabledProviders().join(', ')})`,
    ]);
  }
}
