import { resolve } from 'node:path';

/**
 * The real OHLCV series of `../shared/data` (beside the repository, as on every developer's and
 * CI's machine; see its README). MARKET_DATA_DIR overrides the place.
 */
export const SHARED_DATA_DIR = process.env.MARKET_DATA_DIR ?? resolve(process.cwd(), '..', 'shared', 'data');
