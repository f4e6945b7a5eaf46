import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '../database/sql-params.js';
import type { Bar } from '../base/domain/bar.js';
import { joinCoverage, type Coverage } from './core/coverage.js';
import { barCloseTime, type Timeframe } from '../base/domain/timeframe.js';

/** One stored series: the bars of one symbol at one timeframe as one provider gives them. */
export interface SeriesKey {
  provider: string;
  symbol: string;
  timeframe: Timeframe;
}

/** Rows per INSERT: keeps each statement's arrays a bounded size however many bars a sync fetched. */
const UPSERT_CHUNK = 5000;
const COLUMNS = `(extract(epoch FROM open_time) * 1000)::float8 AS t, open, high, low, close, volume`;
const COVERAGE = `from_ms::float8 AS "from", to_ms::float8 AS "to", history_start AS "historyStart"`;
type Query = (sql: string, params: unknown[]) => Promise<unknown>;

interface BarRow {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function toBar(row: BarRow, tf: Timeframe): Bar {
  const openTime = Math.round(row.t);
  return {
    openTime,
    closeTime: barCloseTime(openTime, tf),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
}

/**
 * Every query on `bars`. Only closed bars are ever written (DataManager filters the forming one),
 * so a stored row never changes meaning; an upsert of the same bar only refreshes vendor corrections.
 */
@Injectable()
export class BarsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Inserts or updates `bars` of one series in bulk; answers how many rows were new or changed.
   * With `covered`, in the same transaction, records that the store now holds every bar of that
   * range (joined with the ranges it touches): bars and the claim about them commit together.
   */
  async upsert(key: SeriesKey, bars: readonly Bar[], fetchedAt: Date, covered?: Coverage): Promise<number> {
    if (!covered) return this.upsertAll((sql, p) => this.ds.query(sql, p), key, bars, fetchedAt);
    return this.ds.transaction(async (em) => {
      const written = await this.upsertAll((sql, p) => em.query(sql, p), key, bars, fetchedAt);
      await this.cover(em, key, covered);
      return written;
    });
  }

  /** The ranges of the series that overlap or touch [fromMs, toMs], ascending. */
  async coverage(key: SeriesKey, fromMs: number, toMs: number): Promise<Coverage[]> {
    const rows = rowsOf(
      await this.ds.query(
        `SELECT ${COVERAGE} FROM bar_coverage
          WHERE provider = $1 AND symbol = $2 AND timeframe = $3 AND (history_start OR from_ms <= $5) AND to_ms >= $4
          ORDER BY from_ms`,
        [key.provider, key.symbol, key.timeframe, fromMs, toMs],
      ),
    ) as Coverage[];
    return rows.map((r) => ({ from: Number(r.from), to: Number(r.to), historyStart: r.historyStart }));
  }

  /**
   * Bars with openTime in [fromMs, toMs), ascending. With `limit`, the first `limit` of them, or
   * the last `limit` when `newest` (the "last N bars before t" read of alerts and the API).
   */
  async range(
    key: SeriesKey,
    fromMs: number,
    toMs: number,
    opts: { limit?: number; newest?: boolean } = {},
  ): Promise<Bar[]> {
    const order = opts.newest ? 'DESC' : 'ASC';
    const rows = rowsOf(
      await this.ds.query(
        `SELECT ${COLUMNS} FROM bars
        WHERE provider = $1 AND symbol = $2 AND timeframe = $3 AND open_time >= $4 AND open_time < $5
        ORDER BY open_time ${order} ${opts.limit ? 'LIMIT $6' : ''}`,
        [
          key.provider,
          key.symbol,
          key.timeframe,
          new Date(fromMs),
          new Date(toMs),
          ...(opts.limit ? [opts.limit] : []),
        ],
      ),
    ) as BarRow[];
    const bars = rows.map((r) => toBar(r, key.timeframe));
    return opts.newest ? bars.reverse() : bars;
  }

  /** The latest stored bar of the series, or null when none is stored. */
  async latest(key: SeriesKey): Promise<Bar | null> {
    const rows = rowsOf(
      await this.ds.query(
        `SELECT ${COLUMNS} FROM bars WHERE provider = $1 AND symbol = $2 AND timeframe = $3 ORDER BY open_time DESC LIMIT 1`,
        [key.provider, key.symbol, key.timeframe],
      ),
    ) as BarRow[];
    return rows.length ? toBar(rows[0], key.timeframe) : null;
  }

  /**
   * Retention (cleanup's `barsOlderThanDays`): deletes bars that opened before `before`; the ranges
   * the store vouches for are cut there too (what is deleted is no longer held).
   */
  async purgeBefore(before: Date): Promise<number> {
    return this.ds.transaction(async (em) => {
      const rows = rowsOf(
        await em.query(
          `WITH gone AS (DELETE FROM bars WHERE open_time < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
          [before],
        ),
      );
      const cut = before.getTime();
      await em.query(`DELETE FROM bar_coverage WHERE to_ms <= $1`, [cut]);
      await em.query(`UPDATE bar_coverage SET from_ms = $1, history_start = false WHERE from_ms < $1`, [cut]);
      return rows[0]?.n ?? 0;
    });
  }

  /** Joins `added` with the series' ranges it overlaps or touches, under a per-series lock so replicas do not interleave. */
  private async cover(em: EntityManager, key: SeriesKey, added: Coverage): Promise<void> {
    if (!(added.from < added.to)) return;
    const series = [key.provider, key.symbol, key.timeframe];
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`bar_coverage|${series.join('|')}`]);
    // History starting at `added.from` touches every earlier range (nothing lies between them).
    const start = added.historyStart ? null : added.from;
    const touching = (
      rowsOf(
        await em.query(
          `DELETE FROM bar_coverage
            WHERE provider = $1 AND symbol = $2 AND timeframe = $3 AND (history_start OR from_ms <= $5)
              AND ($4::bigint IS NULL OR to_ms >= $4::bigint)
            RETURNING ${COVERAGE}`,
          [...series, start, added.to],
        ),
      ) as Coverage[]
    ).map((r) => ({ from: Number(r.from), to: Number(r.to), historyStart: r.historyStart }));
    const joined = joinCoverage(touching, added);
    await em.query(
      `INSERT INTO bar_coverage (provider, symbol, timeframe, from_ms, to_ms, history_start) VALUES ($1, $2, $3, $4, $5, $6)`,
      [...series, joined.from, joined.to, joined.historyStart],
    );
  }

  private async upsertAll(query: Query, key: SeriesKey, bars: readonly Bar[], fetchedAt: Date): Promise<number> {
    let written = 0;
    for (let i = 0; i < bars.length; i += UPSERT_CHUNK)
      written += await this.upsertChunk(query, key, bars.slice(i, i + UPSERT_CHUNK), fetchedAt);
    return written;
  }

  private async upsertChunk(query: Query, key: SeriesKey, bars: readonly Bar[], fetchedAt: Date): Promise<number> {
    if (bars.length === 0) return 0;
    const col = (f: (b: Bar) => number) => bars.map(f);
    // The WHERE keeps identical re-fetches from rewriting rows (no dead tuples for unchanged bars).
    const rows = rowsOf(
      await query(
        `WITH written AS (
         INSERT INTO bars (provider, symbol, timeframe, open_time, open, high, low, close, volume, fetched_at)
         SELECT $1, $2, $3, to_timestamp(t / 1000.0), o, h, l, c, v, $10
           FROM unnest($4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS u(t, o, h, l, c, v)
         ON CONFLICT (provider, symbol, timeframe, open_time) DO UPDATE
           SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
               volume = excluded.volume, fetched_at = excluded.fetched_at
           WHERE (bars.open, bars.high, bars.low, bars.close, bars.volume)
                 IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)
         RETURNING 1
       ) SELECT count(*)::int AS n FROM written`,
        [
          key.provider,
          key.symbol,
          key.timeframe,
          col((b) => b.openTime),
          col((b) => b.open),
          col((b) => b.high),
          col((b) => b.low),
          col((b) => b.close),
          col((b) => b.volume),
          fetchedAt,
        ],
      ),
    );
    return rows[0]?.n ?? 0;
  }
}
