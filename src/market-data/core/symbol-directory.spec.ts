import { ManualClock } from '../../base/time/clock.js';
import { SymbolDirectory } from './symbol-directory.js';

describe('SymbolDirectory', () => {
  it("answers from the vendor's list while it is fresh, and asks for it again when it expires", () => {
    const clock = new ManualClock(0);
    const dir = new SymbolDirectory(clock, { listingTtlMs: 1000, listingRetryMs: 100 });
    expect(dir.listingDue('binance')).toBe(true);
    expect(dir.status('binance', 'BTCUSD')).toBe('unknown');
    dir.setListing('binance', ['BTCUSD', 'ETHUSD']);
    expect(dir.status('binance', 'BTCUSD')).toBe('listed');
    expect(dir.status('binance', 'BTCUSDT')).toBe('absent');
    expect(dir.listingDue('binance')).toBe(false);
    clock.advance(1000);
    expect(dir.listingDue('binance')).toBe(true);
    expect(dir.status('binance', 'BTCUSD')).toBe('unknown');
    dir.listingFailed('binance');
    expect(dir.listingDue('binance')).toBe(false); // not hammered while it fails
    clock.advance(100);
    expect(dir.listingDue('binance')).toBe(true);
  });

  it('remembers what trying answered, for a while', () => {
    const clock = new ManualClock(0);
    const dir = new SymbolDirectory(clock, { learnedTtlMs: 500 });
    dir.learn('yahoo', 'BTCUSDT', 'absent');
    dir.learn('yahoo', 'SPY', 'listed');
    expect(dir.status('yahoo', 'BTCUSDT')).toBe('absent');
    expect(dir.status('yahoo', 'SPY')).toBe('listed');
    expect(dir.status('finnhub', 'SPY')).toBe('unknown');
    clock.advance(500);
    expect(dir.status('yahoo', 'BTCUSDT')).toBe('unknown');
  });
});
