import type { Bar } from '../base/domain/bar.js';
import { DomainError } from '../common/errors.js';
import type { DataManager } from '../market-data/data-manager.service.js';
import { toMarketDataError } from '../market-data/market-data-errors.js';
import { AllProvidersFailedError } from '../market-data/core/provider-chain.js';
import type { AlertConfig } from './core/index.js';
import { failure, SeriesLoader } from './series-loads.js';

const config = (symbol: string, extra: Partial<AlertConfig> = {}) =>
  ({ symbol, timeframe: '1m', lookbackBars: 300, trigger: 'oncePerBarClose', ...extra }) as unknown as AlertConfig;

const bar: Bar = { openTime: 0, closeTime: 59_999, open: 1, high: 1, low: 1, close: 1, volume: 1 };

/** A DataManager whose loads are settled by the test, one promise per symbol. */
function scripted() {
  const waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let inFlight = 0;
  let most = 0;
  const data = {
    getClosedBars: ({ symbol }: { symbol: string }) => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise((resolve, reject) => waiting.set(symbol, { resolve, reject })).finally(() => inFlight--);
    },
  } as unknown as DataManager;
  return { data, waiting, most: () => most };
}

describe('SeriesLoader', () => {
  it('loads at most `concurrency` series at once, and a failure comes back as a value in the service’s words', async () => {
    const s = scripted();
    const loader = new SeriesLoader(s.data, { concurrency: 2, timeoutMs: 60_000 });
    const loads = ['A', 'B', 'C'].map((sym) => loader.load(config(sym), 0));
    await new Promise((r) => setImmediate(r));
    expect([...s.waiting.keys()]).toEqual(['A', 'B']); // C waits for a slot
    const notListed = toMarketDataError(
      new AllProvidersFailedError('A', [
        {
          provider: 'binance',
          code: 'notFound',
          error: 'binance: HTTP 400 from GET http://x/api: {"msg":"Invalid symbol."}',
        },
      ]),
      'A',
      '1m',
    );
    s.waiting.get('A')!.reject(notListed);
    s.waiting.get('B')!.resolve({ provider: 'binance', bars: [bar] });
    await new Promise((r) => setImmediate(r));
    s.waiting.get('C')!.resolve({ provider: 'binance', bars: [] });
    const [a, b, c] = await Promise.all(loads);
    expect(a).toMatchObject({
      ok: false,
      permanent: true,
      error: 'symbol A at 1m was not found at binance (binance: notFound)',
    });
    expect(a.ok === false && a.detail).toMatch(/Invalid symbol/); // the vendor's text is for the log only
    expect(b).toEqual({ ok: true, provider: 'binance', bars: [bar], forming: null });
    expect(c).toMatchObject({ ok: true, bars: [] });
    expect(s.most()).toBe(2);
  });

  it('a load that takes longer than its timeout fails its series, and frees its slot', async () => {
    const s = scripted();
    const loader = new SeriesLoader(s.data, { concurrency: 1, timeoutMs: 20 });
    const slow = await loader.load(config('SLOW', { provider: 'binance' }), 0);
    expect(slow).toMatchObject({
      ok: false,
      permanent: false,
      error: 'market data for SLOW 1m via binance did not load within 0.02 s',
    });
    const next = loader.load(config('NEXT'), 0);
    await new Promise((r) => setImmediate(r));
    s.waiting.get('NEXT')!.resolve({ provider: 'binance', bars: [] });
    expect(await next).toMatchObject({ ok: true });
  });

  it('says what failed without the vendors’ texts: unavailable is not permanent, our own bugs are an internal error', () => {
    const down = failure(
      config('X'),
      new DomainError('unavailable', [
        'market data for X 1m is unavailable: every provider failed',
        'binance (transient): HTTP 500 from GET http://x/api/v3/klines?symbol=X: {"code":-1000}',
      ]),
    );
    expect(down).toMatchObject({
      permanent: false,
      error: 'market data for X 1m is unavailable: every provider failed (binance: transient)',
    });
    expect(failure(config('X'), new TypeError('x is undefined'))).toMatchObject({
      permanent: false,
      error: 'market data for X 1m could not be loaded (internal error)',
      detail: 'x is undefined',
    });
  });
});
