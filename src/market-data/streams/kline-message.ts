import type { Bar } from '../../base/domain/bar.js';
import { TIMEFRAMES, type Timeframe } from '../../base/domain/timeframe.js';

/**
 * Binance's kline stream payloads (spot `<symbol>@kline_<interval>`, combined-stream wrapping
 * `{"stream", "data"}`): https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams
 * Prices and volumes come as decimal strings; times in milliseconds; `x` says the kline is closed.
 */
export interface KlineUpdate {
  /** The stream's name as Binance spells it: `btcusdt@kline_1m`. */
  stream: string;
  symbol: string;
  timeframe: Timeframe;
  bar: Bar;
  closed: boolean;
  /** When the exchange sent it (`E`). */
  eventTime: number;
}

/** A subscription's key in our own terms (upper-case symbol as everywhere else in the service). */
export interface StreamSeries {
  symbol: string;
  timeframe: Timeframe;
}

const INTERVALS = new Set<string>(TIMEFRAMES);

/** `btcusdt@kline_1m`: symbols are lower-case in stream names. */
export function klineStreamName(symbol: string, timeframe: Timeframe): string {
  return `${symbol.toLowerCase()}@kline_${timeframe}`;
}

/** What one text frame of a combined stream says: a kline, a control answer, a shutdown notice or nothing we use. */
export type StreamFrame =
  | { kind: 'kline'; update: KlineUpdate }
  | { kind: 'ack'; id: number; error: string | null }
  | { kind: 'shutdown' }
  | { kind: 'other' };

/** Parses one frame; a malformed one is `other` (a stream must not die of one bad message). */
export function parseStreamFrame(text: string): StreamFrame {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { kind: 'other' };
  }
  if (!isObject(msg)) return { kind: 'other' };
  if (typeof msg.id === 'number' && ('result' in msg || 'error' in msg)) {
    const error = isObject(msg.error) ? String(msg.error.msg ?? msg.error.code ?? 'error') : null;
    return { kind: 'ack', id: msg.id, error };
  }
  const data = isObject(msg.data) ? msg.data : msg; // combined streams wrap, raw streams don't
  if (data.e === 'serverShutdown') return { kind: 'shutdown' };
  if (data.e !== 'kline' || !isObject(data.k)) return { kind: 'other' };
  const update = klineOf(data.k, typeof data.E === 'number' ? data.E : 0);
  return update ? { kind: 'kline', update } : { kind: 'other' };
}

function klineOf(k: Record<string, unknown>, eventTime: number): KlineUpdate | null {
  const interval = String(k.i);
  if (!INTERVALS.has(interval) || typeof k.s !== 'string') return null;
  const bar: Bar = {
    openTime: Number(k.t),
    closeTime: Number(k.T),
    open: Number(k.o),
    high: Number(k.h),
    low: Number(k.l),
    close: Number(k.c),
    volume: Number(k.v),
  };
  if (!Object.values(bar).every(Number.isFinite)) return null;
  const timeframe = interval as Timeframe;
  return {
    stream: klineStreamName(k.s, timeframe),
    symbol: k.s.toUpperCase(),
    timeframe,
    bar,
    closed: k.x === true,
    eventTime,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
