import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FakeAlphaVantageServer,
  FakeFinnhubServer,
  FakePolygonServer,
  spy1d,
  type FailureMode,
  type FakeVendorServer,
} from '../../../test/fakes/vendors/index.js';
import { AlphaVantageProvider } from './alphavantage.provider.js';
import { FinnhubProvider } from './finnhub.provider.js';
import type { MarketDataProvider } from '../core/market-data-provider.js';
import { PolygonProvider } from './polygon.provider.js';
import { redactSecrets } from '../core/provider-error.js';

const KEY = 'sk_LIVE_do_not_leak_42';
const LATER = Date.parse('2026-01-05T00:00:00Z');
const MODES: FailureMode[] = [
  { kind: 'rateLimit', retryAfterSec: 1 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 400, body: `{"error":"bad request for token=${KEY}"}` },
  { kind: 'garbage' },
  { kind: 'hang' },
  { kind: 'note' },
];

describe('api keys never reach an error message', () => {
  const vendors: Array<[string, FakeVendorServer, (url: string) => MarketDataProvider]> = [
    ['finnhub', new FakeFinnhubServer(KEY), (baseUrl) => new FinnhubProvider({ apiKey: KEY, baseUrl, timeoutMs: 150 })],
    ['polygon', new FakePolygonServer(KEY), (baseUrl) => new PolygonProvider({ apiKey: KEY, baseUrl, timeoutMs: 150 })],
    [
      'alphavantage',
      new FakeAlphaVantageServer(KEY),
      (baseUrl) => new AlphaVantageProvider({ apiKey: KEY, baseUrl, timeoutMs: 150 }),
    ],
  ];
  const providers = new Map<string, MarketDataProvider>();

  beforeAll(async () => {
    for (const [name, server, make] of vendors)
      providers.set(name, make(await server.setBars('SPY', '1d', spy1d()).start()));
  });
  afterAll(async () => {
    for (const [, server] of vendors) await server.stop();
  });

  it.each(vendors.map(([name]) => name))('%s: every failure mode, and an unknown symbol', async (name) => {
    const server = vendors.find(([n]) => n === name)![1];
    const provider = providers.get(name)!;
    for (const mode of [...MODES, null]) {
      if (mode) server.failNext(mode);
      const err = await provider
        .fetchCandles({ symbol: mode ? 'SPY' : 'ZZZZ', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER })
        .then(
          () => null,
          (e: Error) => e,
        );
      if (!err) continue; // a mode this vendor answers normally (e.g. a "note" outside Alpha Vantage is just a body)
      expect(`${err.message}\n${err.stack}\n${JSON.stringify(err)}`).not.toContain(KEY);
    }
    const wrong = await provider.latestQuote('ZZZZ').catch((e: Error) => e);
    expect(String((wrong as Error).message)).not.toContain(KEY);
  });

  it('redacts token=, apiKey= and apikey= in any url', () => {
    expect(redactSecrets('GET http://x/q?symbol=A&token=abc&apiKey=def&apikey=ghi#f')).toBe(
      'GET http://x/q?symbol=A&token=***&apiKey=***&apikey=***#f',
    );
    expect(redactSecrets('body said abc', ['abc'])).toBe('body said ***');
  });
});
