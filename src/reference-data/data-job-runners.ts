import type { JobRunContext } from '../jobs/job-types/job-handler.js';
import type { DataJobConfig } from './core/data-job-config.js';
import { isoDate } from './core/records.js';
import type { DataKind } from './core/reference-source.js';
import type { ReferenceFetcher } from './reference-fetcher.js';
import type { ReferenceDataRepository } from './reference-data.repository.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Symbols fetched at once: enough to overlap vendor latency; the vendor's rate limiter paces the rest. */
const CONCURRENCY = 4;

/** One unit of a data job (a symbol, or the whole calendar): who served it and what it stored. */
export interface DataItemReport {
  symbol?: string;
  provider: string | null;
  /** Records the vendor answered (after filtering). */
  fetched: number;
  /** Rows this run inserted or changed (0 on an idempotent re-run). */
  stored: number;
  error: string | null;
}

export interface DataJobResult {
  items: DataItemReport[];
  ok: number;
  failed: number;
}

export interface RunnerDeps {
  fetcher: ReferenceFetcher;
  repo: ReferenceDataRepository;
  now: () => number;
}

type Unit = (deps: RunnerDeps, ctx: JobRunContext) => Promise<Omit<DataItemReport, 'error' | 'symbol'>>;

/** A unit per symbol when the section lists symbols, else one unit for the whole calendar / feed. */
type Plan = (cfg: DataJobConfig) => Array<{ symbol?: string; unit: Unit }>;

const perSymbol =
  (make: (symbol: string, cfg: DataJobConfig) => Unit): Plan =>
  (cfg) =>
    (cfg.symbols ?? []).map((symbol) => ({ symbol, unit: make(symbol, cfg) }));

const range = (now: number, daysAhead: number) => ({ from: isoDate(now), to: isoDate(now + daysAhead * DAY_MS) });

function earningsUnit(symbol: string | null, cfg: DataJobConfig): Unit {
  return async ({ fetcher, repo, now }, ctx) => {
    const r = range(now(), cfg.daysAhead as number);
    const got = await fetcher.fetch(
      'earnings',
      `${symbol}|${r.from}|${r.to}`,
      symbol,
      (s) => s.earnings!(symbol, r, ctx.signal),
      ctx.signal,
    );
    return {
      provider: got.provider,
      fetched: got.value.length,
      stored: await repo.upsertEarnings(got.provider, got.value, new Date(now())),
    };
  };
}

function newsUnit(symbol: string | null, cfg: DataJobConfig): Unit {
  return async ({ fetcher, repo, now }, ctx) => {
    const toMs = now();
    const fromMs = toMs - (cfg.lookbackHours as number) * HOUR_MS;
    // The cache key rounds to the minute: two jobs in the same minute share one call.
    const key = `${symbol}|${Math.floor(fromMs / 60_000)}|${Math.floor(toMs / 60_000)}`;
    const got = await fetcher.fetch(
      'news',
      key,
      symbol,
      (s) => s.news!({ symbol, fromMs, toMs }, ctx.signal),
      ctx.signal,
    );
    return {
      provider: got.provider,
      fetched: got.value.length,
      stored: await repo.upsertNews(got.provider, got.value, new Date(now())),
    };
  };
}

/**
 * How each data job type turns its section into work (fetch → transform in the vendor adapter →
 * upsert through the repository): seed 001's DataProcessor, one entry per kind.
 */
export const PLANS: Record<DataKind, Plan> = {
  quotes: perSymbol((symbol) => async ({ fetcher, repo, now }, ctx) => {
    const got = await fetcher.fetch('quotes', symbol, symbol, (s) => s.quote!(symbol, ctx.signal), ctx.signal);
    return {
      provider: got.provider,
      fetched: 1,
      stored: await repo.upsertQuote(got.provider, got.value, new Date(now())),
    };
  }),
  companyInfo: perSymbol((symbol) => async ({ fetcher, repo, now }, ctx) => {
    const got = await fetcher.fetch('companyInfo', symbol, symbol, (s) => s.company!(symbol, ctx.signal), ctx.signal);
    return {
      provider: got.provider,
      fetched: 1,
      stored: await repo.upsertCompany(got.provider, got.value, new Date(now())),
    };
  }),
  optionsChain: perSymbol((symbol, cfg) => async ({ fetcher, repo, now }, ctx) => {
    const got = await fetcher.fetch(
      'optionsChain',
      symbol,
      symbol,
      (s) => s.optionsChain!(symbol, ctx.signal),
      ctx.signal,
    );
    const today = isoDate(now());
    const expirations = [...new Set(got.value.contracts.map((c) => c.expiration))]
      .filter((e) => e >= today)
      .sort()
      .slice(0, cfg.expirations as number);
    const contracts = got.value.contracts.filter((c) => expirations.includes(c.expiration));
    const stored = await repo.writeOptionsSnapshot(got.provider, { ...got.value, contracts }, ctx.scheduledFor);
    return { provider: got.provider, fetched: contracts.length, stored };
  }),
  earnings: (cfg) =>
    cfg.symbols ? perSymbol((symbol) => earningsUnit(symbol, cfg))(cfg) : [{ unit: earningsUnit(null, cfg) }],
  news: (cfg) => (cfg.symbols ? perSymbol((symbol) => newsUnit(symbol, cfg))(cfg) : [{ unit: newsUnit(null, cfg) }]),
  economicEvents: (cfg) => [
    {
      unit: async ({ fetcher, repo, now }, ctx) => {
        const r = range(now(), cfg.daysAhead as number);
        const got = await fetcher.fetch(
          'economicEvents',
          `${r.from}|${r.to}`,
          null,
          (s) => s.economicEvents!(r, ctx.signal),
          ctx.signal,
        );
        const events = cfg.countries ? got.value.filter((e) => cfg.countries!.includes(e.country)) : got.value;
        return {
          provider: got.provider,
          fetched: events.length,
          stored: await repo.upsertEconomicEvents(got.provider, events, new Date(now())),
        };
      },
    },
  ],
};

/**
 * Runs a data job: every unit, CONCURRENCY at a time; a failing symbol is recorded in its item and
 * the others go on. The run fails only when every unit failed (worth the job's retries).
 */
export async function runDataJob(kind: DataKind, deps: RunnerDeps, ctx: JobRunContext): Promise<DataJobResult> {
  const units = PLANS[kind](ctx.job.config as DataJobConfig);
  const items: DataItemReport[] = new Array(units.length);
  let next = 0;
  const worker = async () => {
    while (next < units.length && !ctx.signal.aborted) {
      const i = next++;
      const { symbol, unit } = units[i];
      try {
        items[i] = { ...(symbol ? { symbol } : {}), ...(await unit(deps, ctx)), error: null };
      } catch (err) {
        items[i] = {
          ...(symbol ? { symbol } : {}),
          provider: null,
          fetched: 0,
          stored: 0,
          error: (err as Error).message,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, units.length) }, worker));
  if (ctx.signal.aborted) throw new Error(`${kind} aborted before every item was fetched`);
  const result = { items, ok: items.filter((r) => !r.error).length, failed: items.filter((r) => r.error).length };
  if (result.ok === 0 && items.length > 0)
    throw new Error(
      `${kind}: every item failed: ${items
        .slice(0, 5)
        .map((r) => `${r.symbol ?? kind}: ${r.error}`)
        .join('; ')}`,
    );
  return result;
}
