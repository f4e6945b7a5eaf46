import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakePolygonServer, spy1d } from '../../../test/fakes/vendors/index.js';
import { aggregateBars } from './bar-utils.js';
import { PolygonProvider } from './polygon.provider.js';

const KEY = 'pg-secret-key-456';
const LATER = Date.parse('2026-01-05T00:00:00Z');

describe('PolygonProvider against a loopback Polygon', () => {
  const server = new FakePolygonServer(KEY, { maxLimit: 1000 });
  let provider: PolygonProvider;

  beforeAll(async () => {
    server.setBars('SPY', '1d', spy1d());
    provider = new PolygonProvider({ apiKey: KEY, baseUrl: await server.start(), timeoutMs: 5_000 }); // generous: a loaded CI machine answers loopback slowly
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.recover();
    server.requests.length = 0;
  });

  it('follows next_url (adding the key back) and returns exactly the CSV values', async () => {
    const bars = await provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER });
    expect(bars).toEqual(spy1d());
    expect(server.requests).toHaveLength(Math.ceil(spy1d().length / 1000));
    expect(server.requests.every((r) => r.query.get('apiKey') === KEY)).toBe(true);
    expect(server.requests[1].query.get('cursor')).toBeTruthy();
  });

  it('snaps Sunday-stamped weekly aggregates onto Monday UTC weeks', async () => {
    const fromMs = Date.parse('2020-01-06T00:00:00Z');
    const toMs = Date.parse('2020-03-02T00:00:00Z');
    const bars = await provider.fetchCandles({ symbol: 'SPY', timeframe: '1w', fromMs, toMs, nowMs: LATER });
    expect(bars).toHaveLength(8);
    expect(bars.map((b) => b.openTime)).toEqual(
      aggregateBars(spy1d(), '1w')
        .filter((b) => b.openTime >= fromMs && b.openTime < toMs)
        .map((b) => b.openTime),
    );
    expect(new Date(bars[0].openTime).getUTCDay()).toBe(1);
  });

  it('answers an unknown ticker (resultsCount 0) with no bars, and 429 with rateLimited', async () => {
    await expect(
      provider.fetchCandles({ symbol: 'ZZZZ', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).resolves.toEqual([]);
    server.failNext({ kind: 'rateLimit', retryAfterSec: 12 });
    await expect(
      provider.fetchCandles({ symbol: 'SPY', timeframe: '1d', fromMs: 0, toMs: LATER, nowMs: LATER }),
    ).rejects.toMatchObject({ code: 'rateLimited', retryAfterMs: 12_000 });
  });

  it('quotes the previous close', async () => {
    await expect(provider.latestQuote('SPY')).resolves.toMatchObject({ price: spy1d().at(-1)!.close });
    await expect(provider.latestQuote('ZZZZ')).rejects.toMatchObject({ code: 'notFound' });
  });
});
