/** Provider names a symbol may be mapped to (CONTRACT §6). */
const MAPPABLE = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage', 'csv'];
const SYMBOL = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;

/**
 * `SYMBOL_MAP`: the names other vendors give a symbol, for failover, as JSON
 * `{"BTCUSDT": {"yahoo": "BTC-USD", "finnhub": "BINANCE:BTCUSDT"}}`. Without an entry a symbol
 * fails over only to providers that list it under the same name. Answers the map or the problems.
 */
export function parseSymbolMap(text: string | undefined): {
  map: Record<string, Record<string, string>>;
  problems: string[];
} {
  const map: Record<string, Record<string, string>> = {};
  if (text === undefined || text.trim() === '') return { map, problems: [] };
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { map, problems: [`SYMBOL_MAP is not JSON: ${(err as Error).message}`] };
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed))
    return { map, problems: ['SYMBOL_MAP must be a JSON object like {"BTCUSDT": {"yahoo": "BTC-USD"}}'] };
  for (const [symbol, names] of Object.entries(parsed)) {
    if (!SYMBOL.test(symbol))
      problems.push(`SYMBOL_MAP: "${symbol}" is not a symbol (1…64 letters, digits or ^=.-_/:)`);
    if (!isObject(names)) {
      problems.push(`SYMBOL_MAP.${symbol} must be an object of provider → symbol`);
      continue;
    }
    const entry: Record<string, string> = Object.create(null);
    for (const [provider, name] of Object.entries(names)) {
      if (!MAPPABLE.includes(provider))
        problems.push(`SYMBOL_MAP.${symbol}.${provider} is not a provider (${MAPPABLE.join(', ')})`);
      else if (typeof name !== 'string' || !SYMBOL.test(name))
        problems.push(`SYMBOL_MAP.${symbol}.${provider} must be a symbol (1…64 letters, digits or ^=.-_/:)`);
      else entry[provider] = name;
    }
    map[symbol] = entry;
  }
  return { map, problems };
}
