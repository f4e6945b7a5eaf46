import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the bars store can prove it holds: each row is a range of openTime [from_ms, to_ms) of one
 * series in which every bar the provider has is stored (gaps inside are the vendor's own);
 * `history_start` says the provider has no bar before from_ms. Ranges of one series never overlap
 * nor touch (they are joined when written). Bars outside any range are kept but never trusted to
 * be complete, so a window is never answered with older bars standing where recent ones are missing.
 */
export class BarCoverage1767225600500 implements MigrationInterface {
  name = 'BarCoverage1767225600500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bar_coverage (
        provider varchar(32) NOT NULL,
        symbol varchar(64) NOT NULL,
        timeframe varchar(8) NOT NULL,
        from_ms bigint NOT NULL,
        to_ms bigint NOT NULL,
        history_start boolean NOT NULL DEFAULT false,
        CONSTRAINT bar_coverage_pkey PRIMARY KEY (provider, symbol, timeframe, from_ms),
        CONSTRAINT bar_coverage_range CHECK (from_ms < to_ms)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bar_coverage`);
  }
}
