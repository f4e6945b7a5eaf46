import { alignOpenTime, isValidBar, makeBar, selectBars, toNumber } from './bar-utils.js';
import { DEFAULT_TIMEOUT_MS, HttpClient, statusError } from './http-client.js';
/** `/range/{multiplier}/{timespan}`: Polygon builds every contract timeframe itself. */
export const POLYGON_RANGES = {
    '1s': [1, 'second'], '1m': [1, 'minute'], '3m': [3, 'minute'], '5m': [5, 'minute'], '15m': [15, 'minute'],
    '30m': [30, 'minute'], '1h': [1, 'hour'], '2h': [2, 'hour'], '4h': [4, 'hour'], '6h': [6, 'hour'],
    '8h': [8, 'hour'], '12h': [12, 'hour'], '1d': [1, 'day'], '1w': [1, 'week'],
};
const SYMBOL = /^(?:[A-Z][A-Z0-9.]{0,9}|X:[A-Z0-9]{4,16}|C:[A-Z]{6}|I:[A-Z0-9]{1,10})$/;
/** Free tier: 5 calls/minute. */
const DEFAULT_RETRY_AFTER_MS = 12_000;
export class PolygonProvider {
    name = 'polygon';
    testSymbol;
    supportedTimeframes = Object.keys(POLYGON_RANGES);
    baseUrl;
    apiKey;
    maxPages;
    http;
    constructor(config) {
        this.apiKey = config.apiKey;
        this.baseUrl = (config.baseUrl ?? 'https://api.polygon.io').replace(/\/+$/, '');
        this.testSymbol = config.testSymbol ?? 'AAPL';
        this.maxPages = config.maxPages ?? 100;
        this.http = new HttpClient({ provider: this.name, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, secrets: [config.apiKey], fetchImpl: config.fetchImpl });
    }
    serves(symbol) {
        return SYMBOL.test(symbol);
    }
    /** Follows `next_url` (which carries a cursor but not the key) until the vendor stops sending one. */
    async fetchCandles(query) {
        const [mult, span] = POLYGON_RANGES[query.timeframe];
        // from/to accept ms timestamps and are inclusive.
        const path = `/v2/aggs/ticker/${encodeURIComponent(query.symbol)}/range/${mult}/${span}/${query.fromMs}/${query.toMs - 1}`;
        let url = `${this.baseUrl}${path}?adjusted=true&sort=asc&limit=50000`;
        const bars = [];
        for (let page = 0; url && page < this.maxPages; page++) {
            const body = await this.get(url, query.signal);
            const parsed = parsePolygonAggs(body, query.timeframe);
            if (!parsed)
                throw this.http.error('invalidResponse', `aggs body for ${query.symbol} breaks the documented shape`);
            bars.push(...parsed);
            url = typeof body.next_url === 'string' ? body.next_url : null;
        }
        return selectBars(bars, query);
    }
    async latestQuote(symbol, signal) {
        const body = await this.get(`${this.baseUrl}/v2/aggs/ticker/${encodeURIComponent(symbol)}/prev?adjusted=true`, signal);
        const last = Array.isArray(body.results) ? body.results[body.results.length - 1] : undefined;
        if (!last)
            throw this.http.error('notFound', `no previous close for ${symbol}`);
        const price = toNumber(last.c);
        if (!Number.isFinite(price))
            throw this.http.error('invalidResponse', `prev body for ${symbol} has no close`);
        return { symbol, price, timeMs: Number.isFinite(toNumber(last.t)) ? toNumber(last.t) : null };
    }
    async get(urlWithoutKey, signal) {
        const url = `${urlWithoutKey}${urlWithoutKey.includes('?') ? '&' : '?'}apiKey=${encodeURIComponent(this.apiKey)}`;
        const res = await this.http.get(url, signal);
        const err = statusError(this.http, res, url, DEFAULT_RETRY_AFTER_MS);
        if (err)
            throw err;
        const body = res.json;
        if (!body || typeof body !== 'object')
            throw this.http.error('invalidResponse', `body is not a JSON object: GET ${url}`);
        if (body.status === 'ERROR' || body.status === 'NOT_AUTHORIZED') {
            throw this.http.error(body.status === 'ERROR' ? 'invalidResponse' : 'auth', `${String(body.error ?? body.message)} (GET ${url})`);
        }
        return body;
    }
}
/**
 * `{status:"OK"|"DELAYED", results:[{t,o,h,l,c,v}]}` → bars. An unknown ticker is answered with
 * `resultsCount: 0` and no `results`, which is an empty answer, not an error.
 */
export function parsePolygonAggs(body, tf) {
    if (body.status !== 'OK' && body.status !== 'DELAYED')
        return null;
    if (body.results === undefined)
        return [];
    if (!Array.isArray(body.results))
        return null;
    const bars = [];
    for (const r of body.results) {
        const bar = makeBar(alignOpenTime(toNumber(r?.t), tf), tf, toNumber(r?.o), toNumber(r?.h), toNumber(r?.l), toNumber(r?.c), toNumber(r?.v));
        if (!isValidBar(bar))
            return null;
        bars.push(bar);
    }
    return bars;
}
//# sourceMappingURL=polygon.provider.js.map