import { readOhlcvCsv } from '../../../src/base/series/csv-series.js';
import type { Bar } from '../../../src/base/domain/bar.js';

import { SERIES_DIR } from '../../support/series-dir.js';

/** The real series under test/fixtures/series (see its README), parsed once per test file. */
export { SERIES_DIR };

let btc: Bar[] | undefined;
let spy: Bar[] | undefined;

/** BTCUSDT 1m, Binance.US, 2023-03-01 00:00 → 2023-03-21 23:59 UTC, no gaps. */
export function btcusdt1m(): Bar[] {
  btc ??= readOhlcvCsv(`${SERIES_DIR}/btcusdt_1m_binanceus_2023-03.csv`, '1m');
  return btc;
}

/** SPY daily, 1999-11-01 → 2020-08-28, weekends and holidays absent. */
export function spy1d(): Bar[] {
  spy ??= readOhlcvCsv(`${SERIES_DIR}/spy_1d_1999-2020.csv`, '1d');
  return spy;
}
