import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardDir } from '../../src/dashboard/dashboard.static.js';

/**
 * The dashboard bundle (dist/ui, written by `npm run build`, which `npm test` runs first) takes
 * names, types and pure helpers from src/ and nothing that reaches the vendor adapters, Nest or the
 * database: the page talks to the API, never to a vendor, and stays small.
 */
describe('dashboard bundle', () => {
  const assets = join(dashboardDir(), 'assets');
  const js = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');

  it.each(['api/v3/klines', 'query1.finance.yahoo.com', 'finnhub.io', 'api.polygon.io', 'alphavantage.co'])(
    'holds no vendor adapter code (%s)',
    (needle) => {
      expect(js).not.toContain(needle);
    },
  );

  it('holds no server framework and stays under 250 KB (lightweight-charts is most of it)', () => {
    expect(js).not.toMatch(/@nestjs|typeorm|pg-protocol/);
    expect(Buffer.byteLength(js)).toBeLessThan(250_000);
  });
});
