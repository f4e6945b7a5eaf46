import type { AppConfig } from '../../config/app-config.js';
import type { ReferenceSource } from '../core/reference-source.js';
import { AlphaVantageReference } from './alphavantage.reference.js';
import { BinanceReference } from './binance.reference.js';
import { FinnhubReference } from './finnhub.reference.js';
import { PolygonReference } from './polygon.reference.js';

/**
 * Every vendor's reference adapter, one line each (a vendor is a file plus a line here): built
 * when the vendor is usable in this deployment (keyed vendors only with their key).
 */
export function referenceAdapters(config: AppConfig, fetchImpl?: typeof fetch): ReferenceSource[] {
  const p = config.providers;
  const timeoutMs = config.data.timeoutSeconds * 1000;
  const out: ReferenceSource[] = [new BinanceReference({ baseUrl: p.binanceBaseUrl, timeoutMs, fetchImpl })];
  if (p.finnhubApiKey)
    out.push(new FinnhubReference({ apiKey: p.finnhubApiKey, baseUrl: p.finnhubBaseUrl, timeoutMs, fetchImpl }));
  if (p.polygonApiKey)
    out.push(new PolygonReference({ apiKey: p.polygonApiKey, baseUrl: p.polygonBaseUrl, timeoutMs, fetchImpl }));
  if (p.alphavantageApiKey)
    out.push(
      new AlphaVantageReference({
        apiKey: p.alphavantageApiKey,
        baseUrl: p.alphavantageBaseUrl,
        timeoutMs,
        fetchImpl,
      }),
    );
  return out;
}
