import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '../database/sql-params.js';
import type {
  CompanyRecord,
  EarningsRecord,
  EconomicEventRecord,
  NewsRecord,
  OptionsChainRecord,
  QuoteRecord,
} from './core/records.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Row = Record<string, any> & { id: string };

/** Rows after a keyset cursor `(t, id)`: ascending lists page forward with `>`, descending with `<`. */
export interface PageQuery {
  limit: number;
  after: { t: string; id: string } | null;
}

/** Option snapshots older than this are dropped when a newer snapshot of the symbol is written. */
const OPTION_SNAPSHOT_RETENTION_MS = 7 * 86_400_000;

/**
 * Every query on the data job types' tables (migration 1767225600100). Writes are upserts, one
 * statement per batch from a JSON array, so a re-run of the same fetch changes nothing twice;
 * each answers how many rows it inserted or changed.
 */
@Injectable()
export class ReferenceDataRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The latest quote per symbol: a quote older than the stored one, or the same one again, changes nothing. */
  async upsertQuote(provider: string, q: QuoteRecord, fetchedAt: Date): Promise<number> {
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO quotes (symbol, provider, price, change, change_percent, open, high, low, previous_close, volume, quote_time, fetched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (symbol) DO UPDATE SET provider = excluded.provider, price = excluded.price, change = excluded.change,
           change_percent = excluded.change_percent, open = excluded.open, high = excluded.high, low = excluded.low,
           previous_close = excluded.previous_close, volume = excluded.volume, quote_time = excluded.quote_time,
           fetched_at = excluded.fetched_at
         WHERE quotes.quote_time < excluded.quote_time
            OR (quotes.quote_time = excluded.quote_time
                AND (quotes.price, quotes.provider) IS DISTINCT FROM (excluded.price, excluded.provider))
         RETURNING symbol`,
        [
          q.symbol,
          provider,
          q.price,
          q.change,
          q.changePercent,
          q.open,
          q.high,
          q.low,
          q.previousClose,
          q.volume,
          new Date(q.quoteTime),
          fetchedAt,
        ],
      ),
    );
    return rows.length;
  }

  async upsertCompany(provider: string, c: CompanyRecord, fetchedAt: Date): Promise<number> {
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO company_profiles (symbol, provider, name, exchange, country, currency, industry, market_cap,
           shares_outstanding, ipo_date, website, logo, description, fetched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11, $12, $13, $14)
         ON CONFLICT (symbol) DO UPDATE SET provider = excluded.provider, name = excluded.name, exchange = excluded.exchange,
           country = excluded.country, currency = excluded.currency, industry = excluded.industry,
           market_cap = excluded.market_cap, shares_outstanding = excluded.shares_outstanding, ipo_date = excluded.ipo_date,
           website = excluded.website, logo = excluded.logo, description = excluded.description, fetched_at = excluded.fetched_at
         RETURNING symbol`,
        [
          c.symbol,
          provider,
          c.name,
          c.exchange,
          c.country,
          c.currency,
          c.industry,
          c.marketCap,
          c.sharesOutstanding,
          c.ipoDate && /^\d{4}-\d{2}-\d{2}$/.test(c.ipoDate) ? c.ipoDate : null,
          c.website,
          c.logo,
          c.description,
          fetchedAt,
        ],
      ),
    );
    return rows.length;
  }

  /** One row per (symbol, fiscal year, quarter); rows whose values did not change are not rewritten. */
  async upsertEarnings(provider: string, events: EarningsRecord[], fetchedAt: Date): Promise<number> {
    const unique = [...new Map(events.map((e) => [`${e.symbol}|${e.year}|${e.quarter}`, e])).values()];
    if (unique.length === 0) return 0;
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO earnings_events (symbol, provider, date, hour, fiscal_year, fiscal_quarter, eps_estimate, eps_actual,
           revenue_estimate, revenue_actual, fetched_at)
         SELECT e.symbol, $2, e.date, e.hour, e.year, e.quarter, e."epsEstimate", e."epsActual", e."revenueEstimate",
                e."revenueActual", $3
           FROM jsonb_to_recordset($1::jsonb) AS e(symbol text, date date, hour text, year int, quarter int,
                "epsEstimate" float8, "epsActual" float8, "revenueEstimate" float8, "revenueActual" float8)
         ON CONFLICT (symbol, fiscal_year, fiscal_quarter) DO UPDATE SET provider = excluded.provider, date = excluded.date,
           hour = excluded.hour, eps_estimate = excluded.eps_estimate, eps_actual = excluded.eps_actual,
           revenue_estimate = excluded.revenue_estimate, revenue_actual = excluded.revenue_actual, fetched_at = excluded.fetched_at
         WHERE (earnings_events.date, earnings_events.hour, earnings_events.eps_estimate, earnings_events.eps_actual,
                earnings_events.revenue_estimate, earnings_events.revenue_actual)
               IS DISTINCT FROM (excluded.date, excluded.hour, excluded.eps_estimate, excluded.eps_actual,
                excluded.revenue_estimate, excluded.revenue_actual)
         RETURNING id`,
        [JSON.stringify(unique), provider, fetchedAt],
      ),
    );
    return rows.length;
  }

  /** Deduplicated by URL; an article seen again only gains the symbols it was not yet tagged with. */
  async upsertNews(provider: string, articles: NewsRecord[], fetchedAt: Date): Promise<number> {
    const byUrl = new Map<string, NewsRecord>();
    for (const a of articles) {
      const seen = byUrl.get(a.url);
      byUrl.set(a.url, seen ? { ...seen, symbols: [...new Set([...seen.symbols, ...a.symbols])] } : a);
    }
    if (byUrl.size === 0) return 0;
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO news_articles (dedupe_key, provider, vendor_id, headline, summary, source, url, image_url, category,
           symbols, published_at, fetched_at)
         SELECT e.url, $2, e."vendorId", e.headline, e.summary, e.source, e.url, e."imageUrl", e.category,
                ARRAY(SELECT jsonb_array_elements_text(e.symbols) ORDER BY 1), to_timestamp(e."publishedAt" / 1000.0), $3
           FROM jsonb_to_recordset($1::jsonb) AS e(url text, "vendorId" text, headline text, summary text, source text,
                "imageUrl" text, category text, symbols jsonb, "publishedAt" float8)
         ON CONFLICT (dedupe_key) DO UPDATE
           SET symbols = ARRAY(SELECT DISTINCT s FROM unnest(news_articles.symbols || excluded.symbols) AS s ORDER BY 1)
         WHERE NOT (news_articles.symbols @> excluded.symbols)
         RETURNING id`,
        [JSON.stringify([...byUrl.values()]), provider, fetchedAt],
      ),
    );
    return rows.length;
  }

  async upsertEconomicEvents(provider: string, events: EconomicEventRecord[], fetchedAt: Date): Promise<number> {
    const unique = [...new Map(events.map((e) => [`${e.country}|${e.event}|${e.time}`, e])).values()];
    if (unique.length === 0) return 0;
    const rows = rowsOf(
      await this.ds.query(
        `INSERT INTO economic_events (country, event, time, provider, impact, actual, estimate, previous, unit, fetched_at)
         SELECT e.country, e.event, to_timestamp(e.time / 1000.0), $2, e.impact, e.actual, e.estimate, e.previous, e.unit, $3
           FROM jsonb_to_recordset($1::jsonb) AS e(country text, event text, time float8, impact text, actual float8,
                estimate float8, previous float8, unit text)
         ON CONFLICT (country, event, time) DO UPDATE SET provider = excluded.provider, impact = excluded.impact,
           actual = excluded.actual, estimate = excluded.estimate, previous = excluded.previous, unit = excluded.unit,
           fetched_at = excluded.fetched_at
         WHERE (economic_events.impact, economic_events.actual, economic_events.estimate, economic_events.previous,
                economic_events.unit) IS DISTINCT FROM (excluded.impact, excluded.actual, excluded.estimate,
                excluded.previous, excluded.unit)
         RETURNING id`,
        [JSON.stringify(unique), provider, fetchedAt],
      ),
    );
    return rows.length;
  }

  /**
   * Writes one snapshot of a chain (replacing a snapshot of the same `asOf`, so a retried run writes
   * its own snapshot once) and drops the symbol's snapshots older than a week, in one transaction.
   */
  async writeOptionsSnapshot(provider: string, chain: OptionsChainRecord, asOf: Date): Promise<number> {
    const unique = [...new Map(chain.contracts.map((c) => [c.contract, c])).values()];
    return this.ds.transaction(async (em) => {
      await em.query(`DELETE FROM option_contracts WHERE symbol = $1 AND (as_of = $2 OR as_of < $3)`, [
        chain.symbol,
        asOf,
        new Date(asOf.getTime() - OPTION_SNAPSHOT_RETENTION_MS),
      ]);
      if (unique.length === 0) return 0;
      const rows = rowsOf(
        await em.query(
          `INSERT INTO option_contracts (symbol, as_of, contract, provider, underlying_price, type, expiration, strike,
             last_price, bid, ask, volume, open_interest, implied_volatility, delta, gamma, theta, vega, in_the_money)
           SELECT $2, $3, c.contract, $4, $5, c.type, c.expiration, c.strike, c."lastPrice", c.bid, c.ask, c.volume,
                  c."openInterest", c."impliedVolatility", c.delta, c.gamma, c.theta, c.vega, c."inTheMoney"
             FROM jsonb_to_recordset($1::jsonb) AS c(contract text, type text, expiration date, strike float8,
                  "lastPrice" float8, bid float8, ask float8, volume float8, "openInterest" float8,
                  "impliedVolatility" float8, delta float8, gamma float8, theta float8, vega float8, "inTheMoney" boolean)
           RETURNING contract`,
          [JSON.stringify(unique), chain.symbol, asOf, provider, chain.underlyingPrice],
        ),
      );
      return rows.length;
    });
  }

  async quotes(symbols: string[]): Promise<Row[]> {
    return rowsOf(await this.ds.query(`SELECT * FROM quotes WHERE symbol = ANY($1) ORDER BY symbol`, [symbols]));
  }

  async company(symbol: string): Promise<Row | null> {
    return (
      rowsOf(
        await this.ds.query(`SELECT *, ipo_date::text AS ipo_date_text FROM company_profiles WHERE symbol = $1`, [
          symbol,
        ]),
      )[0] ?? null
    );
  }

  /** By date, then id; `from`/`to` are inclusive dates. */
  async earnings(f: { symbol?: string; from?: string; to?: string }, page: PageQuery): Promise<Row[]> {
    return this.pageQuery(
      `SELECT *, date::text AS date_text FROM earnings_events`,
      [
        ['symbol = $?', f.symbol],
        ['date >= $?::date', f.from],
        ['date <= $?::date', f.to],
      ],
      `(date::timestamp AT TIME ZONE 'UTC')`,
      'ASC',
      page,
    );
  }

  /** Newest first; `from` inclusive and `to` exclusive, by publication time. */
  async news(f: { symbol?: string; from?: Date; to?: Date }, page: PageQuery): Promise<Row[]> {
    return this.pageQuery(
      `SELECT * FROM news_articles`,
      [
        ['$? = ANY(symbols)', f.symbol],
        ['published_at >= $?', f.from],
        ['published_at < $?', f.to],
      ],
      'published_at',
      'DESC',
      page,
    );
  }

  async economicEvents(f: { country?: string; from?: Date; to?: Date }, page: PageQuery): Promise<Row[]> {
    return this.pageQuery(
      `SELECT * FROM economic_events`,
      [
        ['country = $?', f.country],
        ['time >= $?', f.from],
        ['time < $?', f.to],
      ],
      'time',
      'ASC',
      page,
    );
  }

  /** The symbol's latest snapshot (only `expiration`'s contracts when given), by expiration, strike, type. */
  async latestOptions(symbol: string, expiration?: string): Promise<Row[]> {
    return rowsOf(
      await this.ds.query(
        `SELECT *, expiration::text AS expiration_text FROM option_contracts
          WHERE symbol = $1 AND as_of = (SELECT max(as_of) FROM option_contracts WHERE symbol = $1)
            AND ($2::date IS NULL OR expiration = $2::date)
          ORDER BY expiration, strike, type`,
        [symbol, expiration ?? null],
      ),
    );
  }

  /** Expirations of the symbol's latest snapshot (to tell an unknown expiration from an unknown symbol). */
  async hasOptions(symbol: string): Promise<boolean> {
    return rowsOf(await this.ds.query(`SELECT 1 FROM option_contracts WHERE symbol = $1 LIMIT 1`, [symbol])).length > 0;
  }

  /**
   * `limit + 1` rows matching the given filters (a filter whose value is undefined is left out),
   * after the cursor in `(key, id)` order; `$?` in a filter becomes its parameter number.
   */
  private async pageQuery(
    select: string,
    filters: Array<[string, unknown]>,
    key: string,
    dir: 'ASC' | 'DESC',
    page: PageQuery,
  ): Promise<Row[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    for (const [sql, value] of filters) {
      if (value === undefined) continue;
      params.push(value);
      where.push(sql.replace('$?', `$${params.length}`));
    }
    if (page.after) {
      params.push(new Date(page.after.t), page.after.id);
      where.push(`(${key}, id) ${dir === 'ASC' ? '>' : '<'} ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(page.limit + 1);
    const sql = `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${key} ${dir}, id ${dir} LIMIT $${params.length}`;
    return rowsOf(await this.ds.query(sql, params));
  }
}
