import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bar } from '../../base/domain/bar.js';
import { isTimeframe, TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import { parseOhlcvCsv } from '../../base/series/csv-series.js';
import { fetchViaPlan, planTimeframe } from './bar-utils.js';
import type { CandleQuery, LastCandlesQuery, MarketDataProvider, Quote } from '../core/market-data-provider.js';
import { defineProvider } from '../core/provider-definition.js';
import { ProviderError } from '../core/provider-error.js';

export interface CsvProviderConfig {
  /** DATA_DIR; files are read from `${dataDir}/csv/<SYMBOL>_<timeframe>.csv`. */
  dataDir: string;
}

/**
 * Bars from local files (CONTRACT §6): for offline use, back-tests and replays. A symbol is served
 * iff at least one of its files exists; a timeframe without a file is folded from a finer file.
 * Parsed files are cached until their mtime changes.
 */
export class CsvProvider implements MarketDataProvider {
  readonly name = 'csv';
  readonly supportedTimeframes = TIMEFRAMES;
  private readonly dir: string;
  private readonly cache = new Map<string, { mtimeMs: number; bars: Bar[] }>();
  private listing: { mtimeMs: number; names: string[] } | undefined;

  constructor(config: CsvProviderConfig) {
    this.dir = join(config.dataDir, 'csv');
  }

  serves(symbol: string): boolean {
    return this.timeframesOf(symbol).length > 0;
  }

  async fetchCandles(query: CandleQuery): Promise<Bar[]> {
    const native = Object.fromEntries(this.timeframesOf(query.symbol).map((tf) => [tf, tf])) as Partial<
      Record<Timeframe, string>
    >;
    if (Object.keys(native).length === 0)
      throw new ProviderError('notFound', this.name, this.absenceReason(query.symbol, query.timeframe));
    const plan = planTimeframe(query.timeframe, native);
    if (!plan)
      throw new ProviderError(
        'unsupported',
        this.name,
        `${this.absenceReason(query.symbol, query.timeframe)}, nor a finer file to fold (there is ${Object.keys(native)
          .map((tf) => `${query.symbol}_${tf}.csv`)
          .join(', ')})`,
      );
    return fetchViaPlan(query, plan, async () => this.read(query.symbol, plan.base));
  }

  /** The file it looks for: `DATA_DIR/csv/<SYMBOL>_<timeframe>.csv` (CONTRACT §6, §8). */
  absenceReason(symbol: string, timeframe?: Timeframe): string {
    return `no file ${join(this.dir, `${symbol}_${timeframe ?? '<timeframe>'}.csv`)}`;
  }

  /** The file is in memory: its last `count` bars before `toMs`, however old the file. */
  async fetchLastCandles(query: LastCandlesQuery): Promise<Bar[]> {
    const bars = await this.fetchCandles({ ...query, fromMs: 0, includeForming: false });
    return bars.slice(-query.count);
  }

  /** The last close of the finest file: the freshest price the files know. */
  async latestQuote(symbol: string): Promise<Quote> {
    const finest = this.timeframesOf(symbol)[0];
    const last = finest ? this.read(symbol, finest).at(-1) : undefined;
    if (!last) throw new ProviderError('notFound', this.name, `no csv bars for ${symbol}`);
    return { symbol, price: last.close, timeMs: last.closeTime };
  }

  /** Timeframes with a file for `symbol`, finest first. */
  private timeframesOf(symbol: string): Timeframe[] {
    if (!/^[A-Za-z0-9^=.-]{1,32}$/.test(symbol)) return [];
    const prefix = `${symbol}_`;
    const found = this.fileNames()
      .filter((f) => f.startsWith(prefix) && f.endsWith('.csv'))
      .map((f) => f.slice(prefix.length, -'.csv'.length))
      .filter(isTimeframe);
    return TIMEFRAMES.filter((tf) => found.includes(tf));
  }

  /**
   * The directory's file names, listed again only when its mtime changes (a file added, removed or
   * renamed): every provider is asked whether it serves a symbol, for every series at every bar close.
   */
  private fileNames(): string[] {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(this.dir).mtimeMs;
    } catch {
      return [];
    }
    // An mtime has the file system's coarse tick: a change within a second of the last one may not
    // move it, so a listing that recent is not trusted (git's "racy" rule).
    if (this.listing?.mtimeMs !== mtimeMs || Date.now() - mtimeMs < 1000)
      this.listing = { mtimeMs, names: readdirSync(this.dir) };
    return this.listing.names;
  }

  private read(symbol: string, tf: Timeframe): Bar[] {
    const path = join(this.dir, `${symbol}_${tf}.csv`);
    const { mtimeMs } = statSync(path);
    const hit = this.cache.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.bars;
    let bars: Bar[];
    try {
      bars = parseOhlcvCsv(readFileSync(path, 'utf8'), tf).sort((a, b) => a.openTime - b.openTime);
    } catch (err) {
      throw new ProviderError('invalidResponse', this.name, `${path}: ${(err as Error).message}`);
    }
    this.cache.set(path, { mtimeMs, bars });
    return bars;
  }
}

/** Local files under DATA_DIR/csv: no URL, no key, no limit; tried only when named or listed in PROVIDER_PRIORITY. */
export const csv = defineProvider({
  name: 'csv',
  baseUrl: null,
  apiKey: 'none',
  inDefaultPriority: false,
  rateLimits: [],
  capabilities: { bars: TIMEFRAMES, quote: true },
  create: ({ dataDir }) => new CsvProvider({ dataDir }),
});
