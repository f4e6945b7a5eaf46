import { readFileSync } from 'node:fs';
import type { Bar } from '../base/domain/bar.js';
import { barCloseTime, type Timeframe } from '../base/domain/timeframe.js';

/**
 * Parses `time,open,high,low,close,volume` CSV (header line first; time as ISO-8601 or epoch ms/s)
 * into bars of the given timeframe. Used by the csv provider and by tests and benchmarks.
 */
export function parseOhlcvCsv(text: string, tf: Timeframe): Bar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [time, open, high, low, close, volume] = lines[i].split(',');
    const openTime = parseTime(time.trim());
    bars.push({
      openTime,
      closeTime: barCloseTime(openTime, tf),
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    });
  }
  return bars;
}

function parseTime(value: string): number {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n < 1e12 ? n * 1000 : n;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`bad time "${value}"`);
  return t;
}

export function readOhlcvCsv(path: string, tf: Timeframe): Bar[] {
  return parseOhlcvCsv(readFileSync(path, 'utf8'), tf);
}
