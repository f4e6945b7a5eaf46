import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAlphaVantageSeries } from './alphavantage.provider.js';
import { parseBinanceKlines } from './binance.provider.js';
import { parseFinnhubCandles } from './finnhub.provider.js';
import { parsePolygonAggs } from './polygon.provider.js';
import { parseYahooChart } from './yahoo.provider.js';

const fixture = (name: string) => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/vendors', name), 'utf8'));
const iso = (ms: number) => new Date(ms).toISOString();

describe('recorded vendor answers parse as the vendors mean them', () => {
  it('binance klines: strings to numbers, closeTime = open + 1m − 1 ms as on the wire', () => {
    const bars = parseBinanceKlines(fixture('binance-klines-btcusdt-1m.json'), '1m')!;
    expect(bars[0]).toEqual({
      openTime: 1624559520000,
      closeTime: 1624559579999,
      open: 34970.9,
      high: 35047.03,
      low: 34800.01,
      close: 35047.03,
      volume: 0.419472,
    });
    expect(parseBinanceKlines(fixture('binance-error-invalid-symbol.json'), '1m')).toBeNull();
  });

  it('yahoo chart: null points skipped, 13:30Z stamps snapped to UTC days', () => {
    const bars = parseYahooChart(fixture('yahoo-chart-spy-1d.json').chart.result[0], '1d')!;
    expect(bars.map((b) => iso(b.openTime))).toEqual([
      '2020-08-26T00:00:00.000Z',
      '2020-08-27T00:00:00.000Z',
      '2020-08-28T00:00:00.000Z',
    ]);
    expect(bars[2].close).toBe(350.58);
  });

  it('finnhub candle: column arrays, no_data is empty', () => {
    const bars = parseFinnhubCandles(fixture('finnhub-candle-aapl-60.json'), '1h')!;
    expect(bars.map((b) => iso(b.openTime))).toEqual(['2020-07-02T18:30:00.000Z', '2020-07-02T19:30:00.000Z']);
    expect(bars[0]).toMatchObject({ open: 366.95, high: 367.31, low: 366.21, close: 366.5698, volume: 2113793 });
    expect(parseFinnhubCandles(fixture('finnhub-no-data.json'), '1d')).toEqual([]);
  });

  it('polygon aggs: midnight-New-York daily stamps land on their UTC day', () => {
    const bars = parsePolygonAggs(fixture('polygon-aggs-aapl-1d.json'), '1d')!;
    expect(bars.map((b) => iso(b.openTime))).toEqual(['2019-02-04T00:00:00.000Z', '2019-02-05T00:00:00.000Z']);
    expect(bars[0]).toMatchObject({ open: 102.87, close: 103.74, volume: 31315282 });
    expect(parsePolygonAggs(fixture('polygon-429.json'), '1d')).toBeNull();
  });

  it('alpha vantage intraday: US/Eastern keys, EST and EDT', () => {
    const bars = parseAlphaVantageSeries(fixture('alphavantage-intraday-ibm-5min.json'), '5m')!;
    expect(bars.map((b) => iso(b.openTime))).toEqual([
      '2024-01-06T00:50:00.000Z',
      '2024-01-06T00:55:00.000Z',
      '2024-07-05T13:30:00.000Z',
    ]);
    expect(bars[2]).toMatchObject({ open: 175, high: 175.44, low: 174.91, close: 175.3, volume: 153212 });
    expect(parseAlphaVantageSeries(fixture('alphavantage-note.json'), '5m')).toBeNull();
  });
});
