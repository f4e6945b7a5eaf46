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
  const s = config.providers.settings;
  const timeoutMs = config.data.timeoutSeconds * 1000;
  const url = (name: string) => s[name]?.baseUrl ?? undefined;
  const out: ReferenceSource[] = [new BinanceReference({ baseUrl: url('binance'), timeoutMs, fetchImpl })];
  const finnhub = s.finnhub?.apiKey;
  if (finnhub) out.push(new FinnhubReference({ apiKey: finnhub, baseUrl: url('finnhub'), timeoutMs, fetchImpl }));
  const polygon = s.polygon?.apiKey;
  if (polygon) out.push(new PolygonReference({ apiKey: polygon, baseUrl: url('polygon'), timeoutMs, fetchImpl }));
  const alphavantage = s.alphavantage?.apiKey;
  if (alphavantage)
    out.push(new AlphaVantageReference({ apiKey: alphavantage, baseUrl: url('alphavantage'), timeoutMs, fetchImpl }));
  return out;
}
