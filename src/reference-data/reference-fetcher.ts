import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../base/time/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CAPABILITY, offers, type DataKind, type ReferenceSource } from './core/reference-source.js';
import { REFERENCE_SOURCES, type GuardedReference } from './reference-sources.js';

/** Every provider that offers the data failed (or none is configured): the messages say why, one per provider. */
export class ReferenceUnavailable extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '));
  }
}

export interface Fetched<T> {
  provider: string;
  value: T;
}

/** How many answers the cache keeps before it drops the oldest (a quotes job of 500 symbols fits). */
const CACHE_MAX = 5_000;

/**
 * Fetches one piece of reference data with failover: the providers that offer `kind` (and list the
 * symbol), in PROVIDER_PRIORITY order, until one answers. Answers are kept for DATA_CACHE_TTL so
 * two jobs asking for the same data at once cost one vendor call.
 */
@Injectable()
export class ReferenceFetcher {
  private readonly cache = new Map<string, { at: number; fetched: Fetched<unknown> }>();
  private readonly ttlMs: number;

  constructor(
    @Inject(REFERENCE_SOURCES) private readonly sources: GuardedReference[],
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.data.cacheTtlSeconds * 1000;
  }

  /** The providers configured here that offer `kind`, in failover order. */
  providersOf(kind: DataKind): string[] {
    return this.sources.filter((s) => offers(s.source, kind)).map((s) => s.name);
  }

  async fetch<T>(
    kind: DataKind,
    key: string,
    symbol: string | null,
    call: (source: ReferenceSource) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<Fetched<T>> {
    const cacheKey = `${kind}|${key}`;
    const hit = this.cache.get(cacheKey);
    if (hit && this.clock.now() - hit.at < this.ttlMs) return hit.fetched as Fetched<T>;
    const candidates = this.sources.filter((s) => offers(s.source, kind) && (!symbol || s.source.serves(symbol)));
    if (candidates.length === 0) {
      const configured = this.providersOf(kind);
      throw new ReferenceUnavailable([
        configured.length
          ? `no provider that offers ${kind} (${configured.join(', ')}) lists ${symbol}`
          : `no provider configured here offers ${kind} (${CAPABILITY[kind]}); set FINNHUB_API_KEY`,
      ]);
    }
    const reasons: string[] = [];
    for (const s of candidates) {
      if (signal?.aborted) break;
      try {
        const fetched = { provider: s.name, value: await s.call(call, signal) };
        this.remember(cacheKey, fetched);
        return fetched;
      } catch (err) {
        reasons.push((err as Error).message);
      }
    }
    throw new ReferenceUnavailable(reasons.length ? reasons : ['aborted']);
  }

  private remember(key: string, fetched: Fetched<unknown>): void {
    if (this.ttlMs <= 0) return;
    this.cache.delete(key);
    this.cache.set(key, { at: this.clock.now(), fetched });
    if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
  }
}
