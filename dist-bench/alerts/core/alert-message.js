import { barToJson } from '../../market-data/core/bar.js';
import { DEFAULTS, ruleOperator } from './alert-config.js';
import { operandKey } from './eval-context.js';
/** Bar times are ISO strings in the view, as in the notify payload (CONTRACT §5). */
export function buildMessageView(input) {
    return {
        symbol: input.config.symbol,
        timeframe: input.config.timeframe,
        provider: input.provider ?? input.config.provider ?? '',
        bar: barToJson(input.bar),
        values: { ...input.values },
        jobName: input.jobName,
    };
}
const MAX_RULE_TEXT = 500;
const MAX_MESSAGE = 4000;
/** `BTCUSDT 15m: crossesBelow(rsi_14, 30) at close 27123.5 (rsi_14=28.7)` — used when notify.message is unset. */
export function renderDefaultMessage(view, rule, indicatorSpec) {
    let ruleText = describeRule(rule, indicatorSpec);
    if (ruleText.length > MAX_RULE_TEXT)
        ruleText = `${ruleText.slice(0, MAX_RULE_TEXT - 1)}…`;
    const values = Object.entries(view.values).map(([k, v]) => `${k}=${formatNumber(v)}`);
    const text = `${view.symbol} ${view.timeframe}: ${ruleText} at close ${formatNumber(view.bar.close)}`
        + (values.length > 0 ? ` (${values.join(', ')})` : '');
    return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
/** A one-line, human-readable form of a rule with §4a keys: `and(gt(close, 100), lt(rsi_14, 30))`. */
export function describeRule(rule, indicatorSpec) {
    const node = rule;
    const op = ruleOperator(rule);
    if (op === 'and' || op === 'or') {
        return `${op}(${node[op].map((r) => describeRule(r, indicatorSpec)).join(', ')})`;
    }
    if (op === 'not')
        return `not(${describeRule(node.not, indicatorSpec)})`;
    const args = node[op].map((o) => operandKey(o, indicatorSpec) ?? formatNumber(o.value));
    const bars = node.bars;
    if (bars !== undefined && bars !== DEFAULTS.moveBars)
        args.push(`bars=${bars}`);
    return `${op}(${args.join(', ')})`;
}
/** Up to 8 significant digits, no exponent noise for prices: 28.7123456 → 28.712346. */
export function formatNumber(v) {
    if (v === null)
        return 'n/a';
    if (Number.isInteger(v))
        return String(v);
    return String(Number(v.toPrecision(8)));
}
//# sourceMappingURL=alert-message.js.map