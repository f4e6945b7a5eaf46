export * from './fake-vendor-server.js';
export * from './binance.fake.js';
export * from './yahoo.fake.js';
export * from './finnhub.fake.js';
export * from './polygon.fake.js';
export * from './alphavantage.fake.js';
export * from './series.js';
export * from './reference-fixtures.js';
