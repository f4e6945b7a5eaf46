import { parseOhlcvCsv } from './csv-series.js';

const bar = (openTime: string, close: number) => ({
  openTime: Date.parse(openTime),
  closeTime: Date.parse(openTime) + 59_999,
  open: 1,
  high: 2,
  low: 0.5,
  close,
  volume: 10,
});

describe('parseOhlcvCsv', () => {
  it('reads the time column as `time` or `time_iso`, ISO or epoch seconds/milliseconds', () => {
    const iso = 'time_iso,open,high,low,close,volume\n2023-03-01T00:00:00Z,1,2,0.5,1.5,10\n';
    const epoch = 'time,open,high,low,close,volume\r\n1677628800,1,2,0.5,1.5,10\r\n1677628860000,1,2,0.5,1.6,10\r\n';
    expect(parseOhlcvCsv(iso, '1m')).toEqual([bar('2023-03-01T00:00:00Z', 1.5)]);
    expect(parseOhlcvCsv(epoch, '1m')).toEqual([bar('2023-03-01T00:00:00Z', 1.5), bar('2023-03-01T00:01:00Z', 1.6)]);
  });

  it('finds the columns by name, in any order, ignoring others', () => {
    const text = 'Close,Volume,symbol,TIME,Open,High,Low\n1.5,10,BTC,2023-03-01T00:00:00Z,1,2,0.5\n';
    expect(parseOhlcvCsv(text, '1m')).toEqual([bar('2023-03-01T00:00:00Z', 1.5)]);
  });

  it('says which column is missing and which line is broken', () => {
    expect(() => parseOhlcvCsv('date,open,high,low,close\n', '1m')).toThrow(
      'header "date,open,high,low,close" lacks time or time_iso, volume (expected time,open,high,low,close,volume)',
    );
    expect(() => parseOhlcvCsv('time,open,high,low,close,volume\n2023-03-01T00:00:00Z,1,x,0.5,1.5,10\n', '1m')).toThrow(
      'line 2: high is not a number',
    );
    expect(() => parseOhlcvCsv('time,open,high,low,close,volume\nyesterday,1,2,0.5,1.5,10\n', '1m')).toThrow(
      'line 2: bad time "yesterday"',
    );
  });
});
