import { loadConfig } from './app-config.js';
import { parseSymbolMap } from './symbol-map.js';

describe('SYMBOL_MAP', () => {
  it('maps a symbol to the names other vendors give it', () => {
    expect(parseSymbolMap('{"BTCUSDT": {"yahoo": "BTC-USD", "finnhub": "BINANCE:BTCUSDT"}}')).toEqual({
      map: { BTCUSDT: { yahoo: 'BTC-USD', finnhub: 'BINANCE:BTCUSDT' } },
      problems: [],
    });
    expect(parseSymbolMap(undefined)).toEqual({ map: {}, problems: [] });
  });

  it('names every bad entry', () => {
    expect(parseSymbolMap('{"BTCUSDT": ').problems[0]).toMatch(/^SYMBOL_MAP is not JSON/);
    expect(parseSymbolMap('["BTCUSDT"]').problems).toEqual([
      'SYMBOL_MAP must be a JSON object like {"BTCUSDT": {"yahoo": "BTC-USD"}}',
    ]);
    expect(parseSymbolMap('{"BTC USDT": {"nasdaq": "X", "yahoo": 3}, "ETHUSDT": "ETH-USD"}').problems).toEqual([
      'SYMBOL_MAP: "BTC USDT" is not a symbol (1…64 letters, digits or ^=.-_/:)',
      'SYMBOL_MAP.BTC USDT.nasdaq is not a provider (binance, yahoo, finnhub, polygon, alphavantage, csv)',
      'SYMBOL_MAP.BTC USDT.yahoo must be a symbol (1…64 letters, digits or ^=.-_/:)',
      'SYMBOL_MAP.ETHUSDT must be an object of provider → symbol',
    ]);
  });

  it('stops the boot with a message naming the variable', () => {
    expect(() => loadConfig({ SYMBOL_MAP: '{"BTCUSDT": {"yahoo": ""}}' })).toThrow(/SYMBOL_MAP\.BTCUSDT\.yahoo/);
    expect(loadConfig({ SYMBOL_MAP: '{"ETHUSDT": {"yahoo": "ETH-USD"}}' }).providers.symbolMap).toEqual({
      ETHUSDT: { yahoo: 'ETH-USD' },
    });
  });
});
