/** Framework-free indicator core: streaming indicators, registry, batch computation. */
export * from './types.js';
export { negligible, orNull, REL_EPS } from './numeric.js';
export { RollingSum, RollingVariance, MonotonicMinDeque } from './window.js';
export { Sma } from './sma.js';
export { Ema } from './ema.js';
export { Wma } from './wma.js';
export { Rsi } from './rsi.js';
export { Macd } from './macd.js';
export { Bbands } from './bbands.js';
export { Atr, trueRange } from './atr.js';
export { Stoch } from './stoch.js';
export { Adx } from './adx.js';
export { Obv } from './obv.js';
export { Vwap } from './vwap.js';
export { Cci } from './cci.js';
export { Roc } from './roc.js';
export * from './registry.js';
export * from './kernels.js';
export { computeBatch, computeSeries, toColumns } from './batch.js';
//# sourceMappingURL=index.js.map