/** The indicator names of CONTRACT §4. */
export const INDICATOR_NAMES = [
    'sma', 'ema', 'wma', 'rsi', 'macd', 'bbands', 'atr', 'stoch', 'adx', 'obv', 'vwap', 'cci', 'roc',
];
//# sourceMappingURL=types.js.map