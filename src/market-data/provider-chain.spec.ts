import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../base/time/clock.js';
import {
  FakeBinanceServer,
  FakeFinnhubServer,
  FakeYahooServer,
  btcusdt1m,
  spy1d,
} from '../../test/fakes/vendors/index.js';
import { BinanceProvider } from './providers/binance.provider.js';
import { FinnhubProvider } from './providers/finnhub.provider.js';
import { YahooProvider } from './providers/yahoo.provider.js';
import { providerDefinition } from './providers/provider-table.js';
import { GuardedProvider } from './core/guarded-provider.js';
import { AllProvidersFailedError, ProviderChain } from './core/provider-chain.js';
import type { Sleep } from '../base/resilience/sleep.js';

const LATER = Date.parse('2026-01-05T00:00:00Z');
const BTC_START = Date.parse('2023-03-01T00:00:00Z');
const SPY_Q = {
  symbol: 'SPY',
  timeframe: '1d' as const,
  fromMs: Date.parse('2020-03-02T00:00:00Z'),
  toMs: Date.parse('2020-03-07T00:00:00Z'),
  nowMs: LATER,
};
const KEY = 'fh-key';

/** The guard options plus the vendor's rate limits from the provider table, as the service builds them. */
const limited = <T extends object>(guard: T, name: string) => ({
  ...guard,
  rateLimits: providerDefinition(name)!.rateLimits,
});

describe('GuardedProvider + ProviderChain over loopback vendors', () => {
  const binance = new FakeBinanceServer();
  const yahoo = new FakeYahooServer();
  const finnhub = new FakeFinnhubServer(KEY);
  let clock: ManualClock;
  let slept: number[];
  let chain: ProviderChain;
  let guarded: Record<string, GuardedProvider>;

  beforeAll(async () => {
    binance.setBars('BTCUSDT', '1m', btcusdt1m());
    yahoo.setBars('SPY', '1d', spy1d());
    // Yahoo's own BTC-USD, and an unrelated "BTCUSDT" (a tenth of the price) that must never answer for Binance's.
    yahoo.setBars('BTC-USD', '1m', btcusdt1m());
    yahoo.setBars(
      'BTCUSDT',
      '1m',
      btcusdt1m().map((b) => ({ ...b, close: b.close / 10 })),
    );
    finnhub.setBars('SPY', '1d', spy1d());
    await Promise.all([binance.start(), yahoo.start(), finnhub.start()]);
  });
  afterAll(() => Promise.all([binance.stop(), yahoo.stop(), finnhub.stop()]));

  beforeEach(() => {
    for (const s of [binance, yahoo, finnhub]) {
      s.recover();
      s.requests.length = 0;
    }
    clock = new ManualClock(LATER);
    slept = [];
    const sleep: Sleep = async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    };
    const guard = {
      clock,
      sleep,
      breaker: { failureThreshold: 2, cooldownMs: 30_000 },
      retry: { maxAttempts: 3, jitter: 0, baseDelayMs: 100 },
    };
    guarded = {
      binance: new GuardedProvider(new BinanceProvider({ baseUrl: binance.baseUrl }), limited(guard, 'binance')),
      yahoo: new GuardedProvider(
        new YahooProvider({ baseUrl: yahoo.baseUrl, timeoutMs: 200 }),
        limited(guard, 'yahoo'),
      ),
      finnhub: new GuardedProvider(
        new FinnhubProvider({ apiKey: KEY, baseUrl: finnhub.baseUrl }),
        limited(guard, 'finnhub'),
      ),
    };
    chain = new ProviderChain(Object.values(guarded), ['binance', 'yahoo', 'finnhub']);
  });

  it('singleflight: 10 concurrent identical calls make ONE request to the vendor', async () => {
    const q = {
      symbol: 'BTCUSDT',
      timeframe: '1m' as const,
      fromMs: BTC_START,
      toMs: BTC_START + 300_000,
      nowMs: LATER,
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => chain.fetchCandles(q)));
    expect(binance.requestCount('/api/v3/klines')).toBe(1);
    for (const r of results)
      expect(r).toEqual({ provider: 'binance', symbol: 'BTCUSDT', bars: btcusdt1m().slice(0, 5) });
  });

  it('a 500 is retried with backoff and then succeeds on the same provider', async () => {
    yahoo.failNext({ kind: 'status', status: 500 }, 2);
    const result = await chain.fetchCandles(SPY_Q);
    expect(result.provider).toBe('yahoo');
    expect(yahoo.requests).toHaveLength(3);
    // backoff 100, 200; then the yahoo bucket (2/s, burst 2) needs 200 ms more for the third token
    expect(slept).toEqual([100, 200, 200]);
  });

  it('persistent 500s are retried, then the next provider that serves the symbol answers', async () => {
    yahoo.failAlways({ kind: 'status', status: 500 });
    const result = await chain.fetchCandles(SPY_Q);
    expect(result).toEqual({
      provider: 'finnhub',
      symbol: 'SPY',
      bars: spy1d().filter((b) => b.openTime >= SPY_Q.fromMs && b.openTime < SPY_Q.toMs),
    });
    expect(yahoo.requests).toHaveLength(3);
    expect(binance.requestCount('/api/v3/klines')).toBe(0); // exchangeInfo does not list SPY
  });

  it('a timeout counts as transient and fails over too', async () => {
    yahoo.failAlways({ kind: 'hang' });
    guarded.yahoo = new GuardedProvider(
      new YahooProvider({ baseUrl: yahoo.baseUrl, timeoutMs: 100 }),
      limited({ clock, retry: { maxAttempts: 1 } }, 'yahoo'),
    );
    chain = new ProviderChain(Object.values(guarded), ['yahoo', 'finnhub']);
    await expect(chain.fetchCandles(SPY_Q)).resolves.toMatchObject({ provider: 'finnhub' });
  });

  it('the circuit opens after N failed calls, is skipped without a request, and half-opens after the cooldown', async () => {
    yahoo.failAlways({ kind: 'status', status: 503 });
    await chain.fetchCandles(SPY_Q);
    await chain.fetchCandles(SPY_Q);
    expect(guarded.yahoo.health().circuit.state).toBe('open');
    const before = yahoo.requests.length;
    await expect(chain.fetchCandles(SPY_Q)).resolves.toMatchObject({ provider: 'finnhub' });
    expect(yahoo.requests.length).toBe(before);
    yahoo.recover();
    clock.advance(30_000);
    expect(guarded.yahoo.breaker.state).toBe('halfOpen');
    await expect(chain.fetchCandles(SPY_Q)).resolves.toMatchObject({ provider: 'yahoo' });
    expect(guarded.yahoo.breaker.state).toBe('closed');
  });

  it('a rate limit with a long Retry-After is not waited out: failover at once', async () => {
    yahoo.failNext({ kind: 'rateLimit', retryAfterSec: 120 });
    await expect(chain.fetchCandles(SPY_Q)).resolves.toMatchObject({ provider: 'finnhub' });
    expect(slept).toEqual([]);
  });

  it('tries the chosen provider first, and reports every attempt when all fail', async () => {
    await expect(chain.fetchCandles({ ...SPY_Q, provider: 'finnhub' })).resolves.toMatchObject({ provider: 'finnhub' });
    expect(yahoo.requests).toHaveLength(0);
    yahoo.failAlways({ kind: 'garbage' });
    finnhub.failAlways({ kind: 'status', status: 502 });
    const err = await chain.fetchCandles(SPY_Q).catch((e) => e);
    expect(err).toBeInstanceOf(AllProvidersFailedError);
    expect(err.attempts.map((a: { provider: string; code: string }) => `${a.provider}:${a.code}`)).toEqual([
      'yahoo:invalidResponse',
      'finnhub:transient',
      'binance:notFound', // exchangeInfo does not list SPY: not asked, but named with the reason
    ]);
  });

  describe('failover with the right symbol', () => {
    const BTC_Q = {
      symbol: 'BTCUSDT',
      timeframe: '1m' as const,
      fromMs: BTC_START,
      toMs: BTC_START + 300_000,
      nowMs: LATER,
    };

    it('a request pinned to binance never fails over to yahoo with BTCUSDT', async () => {
      binance.failAlways({ kind: 'status', status: 500 });
      const err = await chain.fetchCandles({ ...BTC_Q, provider: 'binance' }).catch((e) => e);
      expect(err).toBeInstanceOf(AllProvidersFailedError);
      expect(err.attempts.map((a: { provider: string; code: string }) => `${a.provider}:${a.code}`)).toEqual([
        'binance:transient',
      ]);
      expect(yahoo.requests).toHaveLength(0);
    });

    it('SYMBOL_MAP gives the name to ask yahoo for, and the answer says which', async () => {
      chain = new ProviderChain(Object.values(guarded), ['binance', 'yahoo', 'finnhub'], {
        clock,
        symbolMap: { BTCUSDT: { yahoo: 'BTC-USD' } },
      });
      binance.failAlways({ kind: 'status', status: 500 });
      const res = await chain.fetchCandles({ ...BTC_Q, provider: 'binance' });
      expect(res).toEqual({ provider: 'yahoo', symbol: 'BTC-USD', bars: btcusdt1m().slice(0, 5) });
      expect(yahoo.requests.map((r) => r.path)).toEqual(['/v8/finance/chart/BTC-USD']);
    });

    it("a pinned provider's not-found is the answer; unpinned, a not-found is remembered and not asked again", async () => {
      chain = new ProviderChain([guarded.binance, guarded.yahoo], ['binance', 'yahoo'], { clock });
      const pinned = await chain.fetchCandles({ ...SPY_Q, symbol: 'NOPE', provider: 'yahoo' }).catch((e) => e);
      expect(pinned.attempts.map((a: { provider: string; code: string }) => `${a.provider}:${a.code}`)).toEqual([
        'yahoo:notFound',
      ]);
      expect(binance.requestCount('/api/v3/klines')).toBe(0); // exchangeInfo does not list NOPE
      const before = yahoo.requests.length;
      const unpinned = await chain.fetchCandles({ ...SPY_Q, symbol: 'NOPE' }).catch((e) => e);
      expect(unpinned.attempts.map((a: { provider: string }) => a.provider)).toEqual(['binance', 'yahoo']);
      expect(unpinned.attempts.map((a: { error: string }) => a.error)).toEqual([
        'NOPE is not among the symbols it lists',
        'NOPE was not found there when last asked',
      ]);
      expect(yahoo.requests.length).toBe(before);
    });
  });

  it('forming bars: each caller gets what it asked for from the shared fetch', async () => {
    const q = {
      symbol: 'BTCUSDT',
      timeframe: '1m' as const,
      fromMs: BTC_START,
      toMs: BTC_START + 600_000,
      nowMs: BTC_START + 300_000,
    };
    const [closed, withForming] = await Promise.all([
      chain.fetchCandles(q),
      chain.fetchCandles({ ...q, includeForming: true }),
    ]);
    expect(binance.requestCount('/api/v3/klines')).toBe(1);
    expect(closed.bars).toHaveLength(5);
    expect(withForming.bars).toHaveLength(10); // the fake has no clock: the vendor already knows them all
  });
});
