/**
 * Stored bars (CONTRACT §6: fetched bars are cached and stored). One row per closed bar of one
 * provider; the primary key is also the index every range read and the latest-bar lookup use.
 */
export class MarketData1767225600001 {
    name = 'MarketData1767225600001';
    async up(q) {
        await q.query(`
      CREATE TABLE bars (
        provider varchar(32) NOT NULL,
        symbol varchar(64) NOT NULL,
        timeframe varchar(8) NOT NULL,
        open_time timestamptz(3) NOT NULL,
        open double precision NOT NULL,
        high double precision NOT NULL,
        low double precision NOT NULL,
        close double precision NOT NULL,
        volume double precision NOT NULL,
        fetched_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT bars_pkey PRIMARY KEY (provider, symbol, timeframe, open_time)
      )`);
        // Retention deletes by age across every series; without this it would scan the whole table.
        await q.query(`CREATE INDEX bars_open_time_idx ON bars (open_time)`);
    }
    async down(q) {
        await q.query(`DROP TABLE bars`);
    }
}
//# sourceMappingURL=1767225600001-market-data.js.map