export * from './bar.js';
export * from './timeframe.js';
export * from './sleep.js';
export * from './rate-limiter.js';
export * from './circuit-breaker.js';
export * from './retry.js';
export * from './singleflight.js';
export * from './guarded-provider.js';
export * from './provider-chain.js';
//# sourceMappingURL=index.js.map