import { TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';
import { defineJobType } from '../../jobs/core/job-type.js';
import { PROVIDER_NAMES } from '../providers/provider-table.js';

export const MAX_SYNC_SYMBOLS = 500;
export const MAX_LOOKBACK_BARS = 5000;
export const DEFAULT_LOOKBACK_BARS = 500;
const FIELDS = ['provider', 'symbols', 'timeframes', 'lookbackBars'];
const SYMBOL = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;

/** A `dataSync` section as stored (defaults filled, duplicates dropped). */
export interface DataSyncConfig {
  provider?: string;
  symbols: string[];
  timeframes: Timeframe[];
  lookbackBars: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function listProblems(
  path: string,
  value: unknown,
  max: number,
  item: (v: unknown) => boolean,
  what: string,
): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    return [`${path} must be a non-empty array of at most ${max} ${what}`];
  }
  return value.flatMap((v, i) =>
    item(v)
      ? []
      : [
          `${path}[${i}] must be ${what === 'symbols' ? `a symbol (1…64 of letters, digits and ^=.-_/:)` : `one of ${TIMEFRAMES.join(', ')}`}`,
        ],
  );
}

/** Problems in a `dataSync` section (CONTRACT §3), each starting with its path. */
export function validateDataSync(section: unknown): string[] {
  if (section === undefined) return ['dataSync is required for a job of type dataSync'];
  if (!isObject(section)) return ['dataSync must be an object'];
  const problems = Object.keys(section)
    .filter((k) => !FIELDS.includes(k))
    .map((k) => `dataSync.${k} is not a known field (${FIELDS.join(', ')})`);
  const { provider, symbols, timeframes, lookbackBars } = section;
  if (provider !== undefined && !(PROVIDER_NAMES as readonly unknown[]).includes(provider)) {
    problems.push(`dataSync.provider must be one of ${PROVIDER_NAMES.join(', ')}`);
  }
  problems.push(
    ...listProblems(
      'dataSync.symbols',
      symbols,
      MAX_SYNC_SYMBOLS,
      (v) => typeof v === 'string' && SYMBOL.test(v),
      'symbols',
    ),
  );
  problems.push(
    ...listProblems(
      'dataSync.timeframes',
      timeframes,
      TIMEFRAMES.length,
      (v) => (TIMEFRAMES as readonly unknown[]).includes(v),
      'timeframes',
    ),
  );
  if (
    lookbackBars !== undefined &&
    !(Number.isInteger(lookbackBars) && (lookbackBars as number) >= 1 && (lookbackBars as number) <= MAX_LOOKBACK_BARS)
  ) {
    problems.push(`dataSync.lookbackBars must be an integer 1…${MAX_LOOKBACK_BARS}`);
  }
  return problems;
}

/** Only called on a section validateDataSync accepted. */
export function normalizeDataSync(section: unknown): DataSyncConfig {
  const s = section as Record<string, unknown>;
  return {
    ...(s.provider === undefined ? {} : { provider: s.provider as string }),
    symbols: [...new Set(s.symbols as string[])],
    timeframes: [...new Set(s.timeframes as Timeframe[])],
    lookbackBars: (s.lookbackBars as number | undefined) ?? DEFAULT_LOOKBACK_BARS,
  };
}

/** `dataSync` jobs (CONTRACT §3): the section checked and stored with its defaults. */
export const dataSyncJobType = defineJobType({
  type: 'dataSync',
  validate: validateDataSync,
  normalize: (section) => ({ ...normalizeDataSync(section) }),
});
