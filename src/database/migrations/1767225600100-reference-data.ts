import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables of the data job types (CONTRACT §8), one per kind, each keyed so that a re-run of the
 * same fetch upserts the same rows (idempotent) and `provider` says who served each row.
 *
 * - `quotes`: the latest quote per symbol; an older quote never overwrites a newer one.
 * - `company_profiles`: one row per symbol.
 * - `earnings_events`: one row per (symbol, fiscal year, quarter): a moved date updates the row.
 * - `news_articles`: deduplicated by `dedupe_key` (the article's URL); `symbols` gathers every
 *   symbol it was fetched for or that the vendor tags.
 * - `economic_events`: one row per (country, event, time).
 * - `option_contracts`: snapshots, one per (symbol, as_of) with a row per contract; `as_of` is
 *   the run's fire time, so a retried run rewrites its own snapshot.
 */
export class ReferenceData1767225600100 implements MigrationInterface {
  name = 'ReferenceData1767225600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotes (
        symbol varchar(64) PRIMARY KEY,
        provider varchar(32) NOT NULL,
        price double precision NOT NULL,
        change double precision, change_percent double precision,
        open double precision, high double precision, low double precision,
        previous_close double precision, volume double precision,
        quote_time timestamptz(3) NOT NULL,
        fetched_at timestamptz(3) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE company_profiles (
        symbol varchar(64) PRIMARY KEY,
        provider varchar(32) NOT NULL,
        name text NOT NULL,
        exchange text, country text, currency text, industry text,
        market_cap double precision, shares_outstanding double precision,
        ipo_date date, website text, logo text, description text,
        fetched_at timestamptz(3) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE earnings_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        symbol varchar(64) NOT NULL,
        provider varchar(32) NOT NULL,
        date date NOT NULL,
        hour varchar(8),
        fiscal_year integer NOT NULL, fiscal_quarter integer NOT NULL,
        eps_estimate double precision, eps_actual double precision,
        revenue_estimate double precision, revenue_actual double precision,
        fetched_at timestamptz(3) NOT NULL,
        CONSTRAINT earnings_events_period_unique UNIQUE (symbol, fiscal_year, fiscal_quarter)
      )`);
    await q.query(`CREATE INDEX earnings_events_date_idx ON earnings_events (date, id)`);
    await q.query(`
      CREATE TABLE news_articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL,
        provider varchar(32) NOT NULL,
        vendor_id text,
        headline text NOT NULL, summary text, source text,
        url text NOT NULL, image_url text, category text,
        symbols text[] NOT NULL DEFAULT '{}',
        published_at timestamptz(3) NOT NULL,
        fetched_at timestamptz(3) NOT NULL,
        CONSTRAINT news_articles_dedupe_unique UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX news_articles_published_idx ON news_articles (published_at DESC, id DESC)`);
    await q.query(`CREATE INDEX news_articles_symbols_idx ON news_articles USING gin (symbols)`);
    await q.query(`
      CREATE TABLE economic_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        country varchar(8) NOT NULL,
        event text NOT NULL,
        time timestamptz(3) NOT NULL,
        provider varchar(32) NOT NULL,
        impact varchar(16),
        actual double precision, estimate double precision, previous double precision, unit text,
        fetched_at timestamptz(3) NOT NULL,
        CONSTRAINT economic_events_unique UNIQUE (country, event, time)
      )`);
    await q.query(`CREATE INDEX economic_events_time_idx ON economic_events (time, id)`);
    await q.query(`
      CREATE TABLE option_contracts (
        symbol varchar(64) NOT NULL,
        as_of timestamptz(3) NOT NULL,
        contract varchar(64) NOT NULL,
        provider varchar(32) NOT NULL,
        underlying_price double precision,
        type varchar(4) NOT NULL CHECK (type IN ('call', 'put')),
        expiration date NOT NULL,
        strike double precision NOT NULL,
        last_price double precision, bid double precision, ask double precision,
        volume double precision, open_interest double precision, implied_volatility double precision,
        delta double precision, gamma double precision, theta double precision, vega double precision,
        in_the_money boolean,
        PRIMARY KEY (symbol, as_of, contract)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'option_contracts',
      'economic_events',
      'news_articles',
      'earnings_events',
      'company_profiles',
      'quotes',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
