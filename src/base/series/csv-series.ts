import { readFileSync } from 'node:fs';
import type { Bar } from '../domain/bar.js';
import { barCloseTime, type Timeframe } from '../domain/timeframe.js';

/** Header names accepted for each column (case-insensitive): `time` and `time_iso` are the same column. */
const COLUMNS = {
  time: ['time', 'time_iso'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  close: ['close'],
  volume: ['volume'],
} as const;
type Column = keyof typeof COLUMNS;

/** Where each column is, from the header line; the columns may come in any order, extra ones are ignored. */
function columnsOf(header: string): Record<Column, number> {
  const names = header.split(',').map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ''),
  );
  const missing: string[] = [];
  const at = {} as Record<Column, number>;
  for (const [column, accepted] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
    at[column] = names.findIndex((n) => accepted.includes(n));
    if (at[column] === -1) missing.push(accepted.join(' or '));
  }
  if (missing.length)
    throw new Error(`header "${header.trim()}" lacks ${missing.join(', ')} (expected time,open,high,low,close,volume)`);
  return at;
}

/**
 * Parses OHLCV CSV with a header line (`time` or `time_iso`, open, high, low, close, volume, in
 * any order; time as ISO-8601 or epoch ms/s) into bars of the given timeframe. Used by the csv
 * provider and by tests and benchmarks.
 */
export function parseOhlcvCsv(text: string, tf: Timeframe): Bar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const at = columnsOf(lines[0]);
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    const num = (c: Column) => {
      const n = Number(cells[at[c]]);
      if (!Number.isFinite(n) || cells[at[c]]?.trim() === '') throw new Error(`line ${i + 1}: ${c} is not a number`);
      return n;
    };
    const openTime = parseTime((cells[at.time] ?? '').trim(), i + 1);
    bars.push({
      openTime,
      closeTime: barCloseTime(openTime, tf),
      open: num('open'),
      high: num('high'),
      low: num('low'),
      close: num('close'),
      volume: num('volume'),
    });
  }
  return bars;
}

function parseTime(value: string, line: number): number {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n < 1e12 ? n * 1000 : n;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`line ${line}: bad time "${value}"`);
  return t;
}

export function readOhlcvCsv(path: string, tf: Timeframe): Bar[] {
  return parseOhlcvCsv(readFileSync(path, 'utf8'), tf);
}
