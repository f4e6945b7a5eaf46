import type { Bar } from '../../../src/base/domain/bar.js';
import type { Timeframe } from '../../../src/base/domain/timeframe.js';
import { zoneOffsetMs } from '../../../src/market-data/providers/zoned-time.js';
import {
  FakeVendorServer,
  type FailureMode,
  type FakeResponse,
  type FakeVendorOptions,
  type RecordedRequest,
} from './fake-vendor-server.js';

const INTRADAY: Record<string, Timeframe> = {
  '1min': '1m',
  '5min': '5m',
  '15min': '15m',
  '30min': '30m',
  '60min': '1h',
};
const DAY = 86_400_000;

export const AV_MINUTE_NOTE =
  'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a higher API call frequency.';
export const AV_DAILY_INFORMATION =
  'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.';

/**
 * GET /query?function=TIME_SERIES_INTRADAY|TIME_SERIES_DAILY|TIME_SERIES_WEEKLY|GLOBAL_QUOTE|OVERVIEW|
 * EARNINGS_CALENDAR (CSV)|HISTORICAL_OPTIONS.
 * Everything is HTTP 200, as at Alpha Vantage: errors are `"Error Message"`, limits `"Note"` /
 * `"Information"`. Intraday keys are US/Eastern wall-clock times, newest first; `compact` = 100.
 */
export class FakeAlphaVantageServer extends FakeVendorServer {
  /** `OVERVIEW` answers by symbol (see avOverview); `{}` for others, as Alpha Vantage does. */
  readonly overviews = new Map<string, Record<string, unknown>>();
  /** `EARNINGS_CALENDAR` rows (see avEarningsRow), answered as its CSV, filtered by `symbol`. */
  readonly earningsCalendar: Array<Record<string, string>> = [];
  /** `HISTORICAL_OPTIONS` contracts by symbol (see avOptionContract); `data: []` for others. */
  readonly historicalOptions = new Map<string, Array<Record<string, string>>>();

  constructor(
    private readonly apiKey: string,
    options: FakeVendorOptions = {},
  ) {
    super(options);
  }

  protected route(req: RecordedRequest): FakeResponse {
    const q = req.query;
    if (req.path !== '/query') return { status: 404, body: '<h1>Not Found</h1>' };
    if (q.get('apikey') !== this.apiKey)
      return this.ok({
        'Error Message':
          'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
      });
    const fn = q.get('function') ?? '';
    const symbol = q.get('symbol') ?? '';
    if (fn === 'GLOBAL_QUOTE') return this.quote(symbol);
    if (fn === 'OVERVIEW') return this.ok(this.overviews.get(symbol) ?? {});
    if (fn === 'EARNINGS_CALENDAR') return this.ok(this.earningsCsv(q.get('symbol')));
    if (fn === 'HISTORICAL_OPTIONS')
      return this.ok({
        endpoint: 'Historical Options',
        message: 'success',
        data: this.historicalOptions.get(symbol) ?? [],
      });
    const tf =
      fn === 'TIME_SERIES_INTRADAY'
        ? INTRADAY[q.get('interval') ?? '']
        : fn === 'TIME_SERIES_DAILY'
          ? '1d'
          : fn === 'TIME_SERIES_WEEKLY'
            ? '1w'
            : undefined;
    const bars = tf && this.hasSymbol(symbol) ? this.barsFor(symbol, tf) : undefined;
    if (!tf || !bars)
      return this.ok({
        'Error Message': `Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for ${fn}.`,
      });
    const full = q.get('outputsize') === 'full' || fn === 'TIME_SERIES_WEEKLY';
    return this.ok(this.timeSeries(symbol, tf, full ? bars : bars.slice(-100), q.get('interval'), full));
  }

  protected rateLimitAnswer(): FakeResponse {
    return this.ok({ Information: AV_DAILY_INFORMATION });
  }

  protected override noteAnswer(mode: Extract<FailureMode, { kind: 'note' }>): FakeResponse {
    return this.ok({ Note: mode.text ?? AV_MINUTE_NOTE });
  }

  private timeSeries(symbol: string, tf: Timeframe, bars: Bar[], interval: string | null, full: boolean) {
    const stamp = (b: Bar) =>
      tf === '1d' ? isoDate(b.openTime) : tf === '1w' ? isoDate(b.openTime + 4 * DAY) : eastern(b.openTime);
    const points = Object.fromEntries(
      [...bars].reverse().map((b) => [
        stamp(b),
        {
          '1. open': b.open.toFixed(4),
          '2. high': b.high.toFixed(4),
          '3. low': b.low.toFixed(4),
          '4. close': b.close.toFixed(4),
          '5. volume': String(b.volume),
        },
      ]),
    );
    const last = bars.length ? stamp(bars[bars.length - 1]) : '';
    if (tf === '1w') {
      return {
        'Meta Data': {
          '1. Information': 'Weekly Prices (open, high, low, close) and Volumes',
          '2. Symbol': symbol,
          '3. Last Refreshed': last,
          '4. Time Zone': 'US/Eastern',
        },
        'Weekly Time Series': points,
      };
    }
    if (tf === '1d') {
      return {
        'Meta Data': {
          '1. Information': 'Daily Prices (open, high, low, close) and Volumes',
          '2. Symbol': symbol,
          '3. Last Refreshed': last,
          '4. Output Size': full ? 'Full size' : 'Compact',
          '5. Time Zone': 'US/Eastern',
        },
        'Time Series (Daily)': points,
      };
    }
    return {
      'Meta Data': {
        '1. Information': `Intraday (${interval}) open, high, low, close prices and volume`,
        '2. Symbol': symbol,
        '3. Last Refreshed': last,
        '4. Interval': interval,
        '5. Output Size': full ? 'Full size' : 'Compact',
        '6. Time Zone': 'US/Eastern',
      },
      [`Time Series (${interval})`]: points,
    };
  }

  private quote(symbol: string): FakeResponse {
    const bars = this.barsFor(symbol, '1d') ?? [];
    const last = bars[bars.length - 1];
    if (!last) return this.ok({ 'Global Quote': {} });
    return this.ok({
      'Global Quote': {
        '01. symbol': symbol,
        '02. open': last.open.toFixed(4),
        '03. high': last.high.toFixed(4),
        '04. low': last.low.toFixed(4),
        '05. price': last.close.toFixed(4),
        '06. volume': String(last.volume),
        '07. latest trading day': isoDate(last.openTime),
        '08. previous close': (bars[bars.length - 2]?.close ?? last.open).toFixed(4),
        '09. change': '0.0000',
        '10. change percent': '0.0000%',
      },
    });
  }

  /** `symbol,name,reportDate,fiscalDateEnding,estimate,currency`, a name with a comma quoted. */
  private earningsCsv(symbol: string | null): string {
    const cols = ['symbol', 'name', 'reportDate', 'fiscalDateEnding', 'estimate', 'currency'];
    const cell = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const rows = this.earningsCalendar.filter((r) => !symbol || r.symbol === symbol);
    return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';
  }

  private ok(body: unknown): FakeResponse {
    return { status: 200, body };
  }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** UTC ms → "YYYY-MM-DD HH:MM:SS" on New York's wall clock. */
function eastern(ms: number): string {
  return new Date(ms + zoneOffsetMs(ms, 'America/New_York')).toISOString().slice(0, 19).replace('T', ' ');
}
