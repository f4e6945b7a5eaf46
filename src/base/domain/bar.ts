/** One OHLCV bar. Times are ms since epoch (UTC); `closeTime = openTime + timeframe − 1 ms`. */
export interface Bar {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The JSON shape of a bar in the HTTP API and the notify payload (ISO-8601 UTC times). */
export interface BarJson {
  openTime: string;
  closeTime: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function barToJson(bar: Bar): BarJson {
  return {
    openTime: new Date(bar.openTime).toISOString(),
    closeTime: new Date(bar.closeTime).toISOString(),
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
  };
}
