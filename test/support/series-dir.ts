import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real OHLCV series the tests and benchmarks replay, kept in the repository under
 * `test/fixtures/series/` (provenance and licence in its README). MARKET_DATA_DIR overrides the place.
 */
export const SERIES_DIR =
  process.env.MARKET_DATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'series');
