export * from './provider-error.js';
export { isForming, fetchFormingBar } from './market-data-provider.js';
export * from './http-client.js';
export * from './bar-utils.js';
export * from './zoned-time.js';
export * from './binance.provider.js';
export * from './yahoo.provider.js';
export * from './finnhub.provider.js';
export * from './polygon.provider.js';
export * from './alphavantage.provider.js';
export * from './csv.provider.js';
//# sourceMappingURL=index.js.map