import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERIES_DIR, btcusdt1m, spy1d } from '../../../test/fakes/vendors/index.js';
import { aggregateBars } from './bar-utils.js';
import { CsvProvider } from './csv.provider.js';

const LATER = Date.parse('2026-01-05T00:00:00Z');

describe('CsvProvider over DATA_DIR/csv', () => {
  let dataDir: string;
  let provider: CsvProvider;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'csv-provider-'));
    mkdirSync(join(dataDir, 'csv'));
    copyFileSync(join(SERIES_DIR, 'spy_1d_1999-2020.csv'), join(dataDir, 'csv', 'SPY_1d.csv'));
    copyFileSync(join(SERIES_DIR, 'btcusdt_1m_binanceus_2023-03.csv'), join(dataDir, 'csv', 'BTCUSDT_1m.csv'));
    provider = new CsvProvider({ dataDir });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves a symbol iff one of its files exists', () => {
    expect(provider.serves('SPY')).toBe(true);
    expect(provider.serves('BTCUSDT')).toBe(true);
    expect(provider.serves('AAPL')).toBe(false);
    expect(provider.serves('../etc/passwd')).toBe(false);
  });

  it('sees a file added or removed after it listed the directory', () => {
    expect(provider.serves('ETHUSDT')).toBe(false);
    copyFileSync(join(SERIES_DIR, 'btcusdt_1m_binanceus_2023-03.csv'), join(dataDir, 'csv', 'ETHUSDT_1m.csv'));
    expect(provider.serves('ETHUSDT')).toBe(true);
    rmSync(join(dataDir, 'csv', 'ETHUSDT_1m.csv'));
    expect(provider.serves('ETHUSDT')).toBe(false);
    expect(provider.serves('SPY')).toBe(true);
  });

  it('serves nothing when DATA_DIR has no csv directory', () => {
    expect(new CsvProvider({ dataDir: join(dataDir, 'missing') }).serves('SPY')).toBe(false);
  });

  it('reads the file range exactly, and folds 1m into 15m', async () => {
    const fromMs = Date.parse('2020-03-02T00:00:00Z');
    const toMs = Date.parse('2020-04-01T00:00:00Z');
    await expect(
      provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs, toMs, nowMs: LATER }),
    ).resolves.toEqual(spy1d().filter((b) => b.openTime >= fromMs && b.openTime < toMs));
    const start = btcusdt1m()[0].openTime;
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '15m',
      fromMs: start,
      toMs: start + 3_600_000,
      nowMs: LATER,
    });
    expect(bars).toEqual(aggregateBars(btcusdt1m().slice(0, 60), '15m'));
  });

  it('keeps the closed-bar rule against nowMs', async () => {
    const start = btcusdt1m()[0].openTime;
    const bars = await provider.fetchCandles({
      symbol: 'BTCUSDT',
      timeframe: '1m',
      fromMs: start,
      toMs: start + 600_000,
      nowMs: start + 300_000,
    });
    expect(bars).toHaveLength(5);
  });

  it('refuses a timeframe it cannot build and quotes the last close', async () => {
    await expect(
      provider.fetchCandles({ symbol: 'SPY', timeframe: '1h', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).rejects.toMatchObject({ code: 'unsupported' });
    await expect(provider.latestQuote('SPY')).resolves.toMatchObject({ price: spy1d().at(-1)!.close });
  });
});
