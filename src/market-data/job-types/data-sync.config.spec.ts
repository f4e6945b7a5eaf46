import { normalizeDataSync, validateDataSync } from './data-sync.config.js';

describe('dataSync section', () => {
  it('accepts a minimal section and fills the defaults, dropping duplicates', () => {
    const section = { symbols: ['BTCUSDT', 'BTCUSDT', 'SPY'], timeframes: ['1m', '1d'] };
    expect(validateDataSync(section)).toEqual([]);
    expect(normalizeDataSync(section)).toEqual({
      symbols: ['BTCUSDT', 'SPY'],
      timeframes: ['1m', '1d'],
      lookbackBars: 500,
    });
  });

  it('names the path of every problem', () => {
    const problems = validateDataSync({
      provider: 'nasdaq',
      symbols: ['OK', 7],
      timeframes: ['2m'],
      lookbackBars: 5001,
      extra: true,
    });
    expect(problems).toEqual([
      'dataSync.extra is not a known field (provider, symbols, timeframes, lookbackBars)',
      'dataSync.provider must be one of binance, yahoo, finnhub, polygon, alphavantage, csv',
      'dataSync.symbols[1] must be a symbol (1…64 of letters, digits and ^=.-_/:)',
      expect.stringMatching(/^dataSync\.timeframes\[0\] must be one of 1s, 1m/),
      'dataSync.lookbackBars must be an integer 1…5000',
    ]);
    expect(validateDataSync({ symbols: [], timeframes: [] })).toEqual([
      'dataSync.symbols must be a non-empty array of at most 500 symbols',
      'dataSync.timeframes must be a non-empty array of at most 14 timeframes',
    ]);
    expect(validateDataSync({ symbols: Array(501).fill('A'), timeframes: ['1m'] })[0]).toMatch(
      /^dataSync\.symbols must be/,
    );
    expect(validateDataSync(undefined)).toEqual(['dataSync is required for a job of type dataSync']);
    expect(validateDataSync([])).toEqual(['dataSync must be an object']);
  });
});
