import { TIMEFRAMES } from './core/timeframe.js';
import { PROVIDER_NAMES } from './provider-set.js';
export const MAX_SYNC_SYMBOLS = 500;
export const MAX_LOOKBACK_BARS = 5000;
export const DEFAULT_LOOKBACK_BARS = 500;
const FIELDS = ['provider', 'symbols', 'timeframes', 'lookbackBars'];
const SYMBOL = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function listProblems(path, value, max, item, what) {
    if (!Array.isArray(value) || value.length === 0 || value.length > max) {
        return [`${path} must be a non-empty array of at most ${max} ${what}`];
    }
    return value.flatMap((v, i) => (item(v) ? [] : [`${path}[${i}] must be ${what === 'symbols' ? `a symbol (1…64 of letters, digits and ^=.-_/:)` : `one of ${TIMEFRAMES.join(', ')}`}`]));
}
/** Problems in a `dataSync` section (CONTRACT §3), each starting with its path. */
export function validateDataSync(section) {
    if (section === undefined)
        return ['dataSync is required for a job of type dataSync'];
    if (!isObject(section))
        return ['dataSync must be an object'];
    const problems = Object.keys(section).filter((k) => !FIELDS.includes(k))
        .map((k) => `dataSync.${k} is not a known field (${FIELDS.join(', ')})`);
    const { provider, symbols, timeframes, lookbackBars } = section;
    if (provider !== undefined && !PROVIDER_NAMES.includes(provider)) {
        problems.push(`dataSync.provider must be one of ${PROVIDER_NAMES.join(', ')}`);
    }
    problems.push(...listProblems('dataSync.symbols', symbols, MAX_SYNC_SYMBOLS, (v) => typeof v === 'string' && SYMBOL.test(v), 'symbols'));
    problems.push(...listProblems('dataSync.timeframes', timeframes, TIMEFRAMES.length, (v) => TIMEFRAMES.includes(v), 'timeframes'));
    if (lookbackBars !== undefined && !(Number.isInteger(lookbackBars) && lookbackBars >= 1 && lookbackBars <= MAX_LOOKBACK_BARS)) {
        problems.push(`dataSync.lookbackBars must be an integer 1…${MAX_LOOKBACK_BARS}`);
    }
    return problems;
}
/** Only called on a section validateDataSync accepted. */
export function normalizeDataSync(section) {
    const s = section;
    return {
        ...(s.provider === undefined ? {} : { provider: s.provider }),
        symbols: [...new Set(s.symbols)],
        timeframes: [...new Set(s.timeframes)],
        lookbackBars: s.lookbackBars ?? DEFAULT_LOOKBACK_BARS,
    };
}
//# sourceMappingURL=data-sync.config.js.map