export * from './provider-error.js';
export * from './market-data-provider.js';
export * from './vendor-circuit-breaker.js';
export * from './retry.js';
export * from './guarded-provider.js';
export * from './provider-chain.js';
