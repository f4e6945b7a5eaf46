/** Bar fields an operand can read. `hl2` = (h+l)/2, `hlc3` = (h+l+c)/3, `ohlc4` = (o+h+l+c)/4. */
export const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4'];
export const TRIGGERS = ['oncePerBarClose', 'oncePerBar', 'once'];
export const PRIORITIES = ['low', 'normal', 'high'];
/** CONTRACT §6. */
export const PROVIDERS = ['binance', 'yahoo', 'finnhub', 'polygon', 'alphavantage', 'csv'];
export const COMPARISON_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'];
export const CROSSING_OPS = ['crosses', 'crossesAbove', 'crossesBelow'];
export const CHANNEL_OPS = ['between', 'outside', 'entersChannel', 'exitsChannel'];
export const MOVE_OPS = ['movesUp', 'movesDown', 'movesUpPct', 'movesDownPct'];
export const LOGIC_OPS = ['and', 'or', 'not'];
export const RULE_OPERATORS = [
    ...LOGIC_OPS, ...COMPARISON_OPS, ...CROSSING_OPS, ...CHANNEL_OPS, ...MOVE_OPS,
];
/** CONTRACT §4a limits. */
export const LIMITS = {
    maxRuleDepth: 32,
    maxRuleNodes: 256,
    minLookbackBars: 1,
    maxLookbackBars: 5000,
    maxMessageLength: 4000,
    maxMoveBars: 5000,
};
export const DEFAULTS = {
    trigger: 'oncePerBarClose',
    persistenceBars: 1,
    lookbackBars: 300,
    cooldownSeconds: 0,
    priority: 'normal',
    moveBars: 1,
};
/** Type guards on already-validated operands. */
export function isValueOperand(o) {
    return 'value' in o;
}
export function isFieldOperand(o) {
    return 'field' in o;
}
/** The operator of a rule node (its one operator key). */
export function ruleOperator(rule) {
    return Object.keys(rule).find((k) => RULE_OPERATORS.includes(k));
}
//# sourceMappingURL=alert-config.js.map