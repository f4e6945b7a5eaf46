import type { Capability, ProviderDefinition } from '../core/provider-definition.js';
import { alphavantage } from './alphavantage.provider.js';
import { binance } from './binance.provider.js';
import { csv } from './csv.provider.js';
import { finnhub } from './finnhub.provider.js';
import { polygon } from './polygon.provider.js';
import { yahoo } from './yahoo.provider.js';

/**
 * Every market-data provider (CONTRACT §6), the one table that config validation
 * (PROVIDER_PRIORITY, `<NAME>_BASE_URL`, `<NAME>_API_KEY`), alert and job validation, the request
 * DTOs, the failover chain and the capability lookup read. A new provider is its adapter file
 * exporting a `defineProvider({...})` entry, plus one line here (docs/extending.md). The order is
 * the default PROVIDER_PRIORITY.
 */
export const PROVIDERS = [binance, yahoo, finnhub, polygon, alphavantage, csv] as const;

export type ProviderName = (typeof PROVIDERS)[number]['name'];

/** Every provider name a request or a job may name, enabled in this deployment or not. */
export const PROVIDER_NAMES: readonly ProviderName[] = PROVIDERS.map((p) => p.name);

/** CONTRACT §1 `PROVIDER_PRIORITY` default. */
export const DEFAULT_PROVIDER_PRIORITY: readonly ProviderName[] = PROVIDERS.filter((p) => p.inDefaultPriority).map(
  (p) => p.name,
);

export function providerDefinition(name: string): ProviderDefinition | undefined {
  return (PROVIDERS as readonly ProviderDefinition[]).find((p) => p.name === name);
}

/** The providers that have a capability (bars, quote …), in table order. */
export function providersOffering(capability: Capability): ProviderDefinition[] {
  return (PROVIDERS as readonly ProviderDefinition[]).filter((p) => {
    const value = p.capabilities[capability];
    return Array.isArray(value) ? value.length > 0 : value === true;
  });
}
