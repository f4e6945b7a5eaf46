import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isTimeframe, TIMEFRAMES } from '../core/timeframe.js';
import { parseOhlcvCsv } from '../../common/csv-series.js';
import { fetchViaPlan, planTimeframe } from './bar-utils.js';
import { ProviderError } from './provider-error.js';
/**
 * Bars from local files (CONTRACT §6): for offline use, back-tests and replays. A symbol is served
 * iff at least one of its files exists; a timeframe without a file is folded from a finer file.
 * Parsed files are cached until their mtime changes.
 */
export class CsvProvider {
    name = 'csv';
    testSymbol;
    supportedTimeframes = TIMEFRAMES;
    dir;
    cache = new Map();
    constructor(config) {
        this.dir = join(config.dataDir, 'csv');
        this.testSymbol = config.testSymbol ?? '';
    }
    serves(symbol) {
        return this.timeframesOf(symbol).length > 0;
    }
    async fetchCandles(query) {
        const native = Object.fromEntries(this.timeframesOf(query.symbol).map((tf) => [tf, tf]));
        if (Object.keys(native).length === 0)
            throw new ProviderError('notFound', this.name, `no csv file for ${query.symbol}`);
        const plan = planTimeframe(query.timeframe, native);
        if (!plan)
            throw new ProviderError('unsupported', this.name, `no csv file for ${query.symbol} ${query.timeframe} or a finer timeframe`);
        return fetchViaPlan(query, plan, async () => this.read(query.symbol, plan.base));
    }
    /** The last close of the finest file: the freshest price the files know. */
    async latestQuote(symbol) {
        const finest = this.timeframesOf(symbol)[0];
        const last = finest ? this.read(symbol, finest).at(-1) : undefined;
        if (!last)
            throw new ProviderError('notFound', this.name, `no csv bars for ${symbol}`);
        return { symbol, price: last.close, timeMs: last.closeTime };
    }
    /** Timeframes with a file for `symbol`, finest first. */
    timeframesOf(symbol) {
        if (!/^[A-Za-z0-9^=.\-]{1,32}$/.test(symbol) || !existsSync(this.dir))
            return [];
        const prefix = `${symbol}_`;
        const found = readdirSync(this.dir)
            .filter((f) => f.startsWith(prefix) && f.endsWith('.csv'))
            .map((f) => f.slice(prefix.length, -'.csv'.length))
            .filter(isTimeframe);
        return TIMEFRAMES.filter((tf) => found.includes(tf));
    }
    read(symbol, tf) {
        const path = join(this.dir, `${symbol}_${tf}.csv`);
        const { mtimeMs } = statSync(path);
        const hit = this.cache.get(path);
        if (hit && hit.mtimeMs === mtimeMs)
            return hit.bars;
        let bars;
        try {
            bars = parseOhlcvCsv(readFileSync(path, 'utf8'), tf).sort((a, b) => a.openTime - b.openTime);
        }
        catch (err) {
            throw new ProviderError('invalidResponse', this.name, `${path}: ${err.message}`);
        }
        this.cache.set(path, { mtimeMs, bars });
        return bars;
    }
}
//# sourceMappingURL=csv.provider.js.map