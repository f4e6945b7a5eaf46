import type { Bar } from '../base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { Semaphore } from '../base/resilience/semaphore.js';
import { DomainError } from '../common/errors.js';
import type { DataManager } from '../market-data/data-manager.service.js';
import type { AlertConfig } from './core/index.js';

/** What loading one group's series at a fire time came to. Never thrown: a failure belongs to its alerts only. */
export type SeriesLoad =
  | { ok: true; provider: string; bars: Bar[]; forming: Bar | null }
  | {
      ok: false;
      /** Why, in the service's words (no vendor body, URL or key): the run's error and the `error` event's. */
      error: string;
      /** Repeating cannot help (no provider has the symbol, the pinned provider is not enabled). */
      permanent: boolean;
      /** The whole error, vendors' texts included, for the log only. */
      detail: string;
    };

export interface SeriesLoadOptions {
  /** Loads of one engine in flight at once (the market-data layer's rate limiter and breaker still apply to each). */
  concurrency: number;
  /** A load not done by then fails its alerts for this fire time; the fetch itself goes on and fills the cache. */
  timeoutMs: number;
}

/**
 * Loads the series of an alert pass's groups concurrently, at most `concurrency` at once and each
 * bounded by `timeoutMs` (real time: it bounds real I/O), so one slow symbol or vendor holds only
 * its own alerts. Failures come back as values, in the service's words.
 */
export class SeriesLoader {
  private readonly slots: Semaphore;

  constructor(
    private readonly data: DataManager,
    private readonly options: SeriesLoadOptions,
  ) {
    this.slots = new Semaphore(options.concurrency);
  }

  async load(config: AlertConfig, lastClosedOpen: number): Promise<SeriesLoad> {
    await this.slots.acquire();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LoadTimeout(this.options.timeoutMs)), this.options.timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([this.fetch(config, lastClosedOpen), timedOut]);
    } catch (err) {
      return failure(config, err);
    } finally {
      clearTimeout(timer);
      this.slots.release();
    }
  }

  private async fetch(config: AlertConfig, lastClosedOpen: number): Promise<SeriesLoad> {
    const tf = config.timeframe as Timeframe;
    const { provider, bars } = await this.data.getClosedBars({
      symbol: config.symbol,
      timeframe: tf,
      provider: config.provider,
      limit: config.lookbackBars,
      toMs: lastClosedOpen + TIMEFRAME_MS[tf],
    });
    const forming =
      config.trigger === 'oncePerBar'
        ? (await this.data.getFormingBar({ symbol: config.symbol, timeframe: tf, provider })).bar
        : null;
    return { ok: true, provider, bars, forming };
  }
}

class LoadTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms / 1000} s`);
  }
}

/** A provider's reason as `binance (notFound): …` (market-data-errors.ts): only `binance: notFound` is kept. */
const REASON = /^(\S+) \((\w+)\)/;

/**
 * The failure in the service's words. A DomainError from the market-data layer keeps its first
 * message and each provider's error code; the vendors' own texts (bodies, URLs) stay in the logs.
 */
export function failure(config: AlertConfig, err: unknown): SeriesLoad & { ok: false } {
  const detail = (err as Error)?.message ?? String(err);
  const series = `${config.symbol} ${config.timeframe}${config.provider ? ` via ${config.provider}` : ''}`;
  if (err instanceof LoadTimeout)
    return {
      ok: false,
      error: `market data for ${series} did not load within ${err.ms / 1000} s`,
      permanent: false,
      detail,
    };
  if (err instanceof DomainError) {
    const [first, ...rest] = err.messages;
    const codes = rest.flatMap((r) => {
      const m = REASON.exec(r);
      return m ? [`${m[1]}: ${m[2]}`] : [];
    });
    return {
      ok: false,
      error: codes.length ? `${first} (${codes.join(', ')})` : first,
      permanent: err.code === 'notFound' || err.code === 'validation',
      detail,
    };
  }
  return {
    ok: false,
    error: `market data for ${series} could not be loaded (internal error)`,
    permanent: false,
    detail,
  };
}
