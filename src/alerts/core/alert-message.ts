import { barToJson, type Bar, type BarJson } from '../../base/domain/bar.js';
import { DEFAULTS, ruleOperator, type IndicatorSpecFn, type Operand, type Rule } from './alert-config.js';
import { operandKey } from './eval-context.js';

/** The mustache view of `notify.message` (rendering happens in the notifications module). */
export interface MessageView {
  symbol: string;
  timeframe: string;
  provider: string;
  bar: BarJson;
  values: Record<string, number | null>;
  jobName: string;
}

export interface MessageViewInput {
  jobName: string;
  config: { symbol: string; timeframe: string; provider?: string };
  /** The provider that actually served the bars, when the config leaves it to failover. */
  provider?: string;
  /** The bar, or its §5 JSON when the caller has it already. */
  bar: Bar | BarJson;
  values: Record<string, number | null>;
}

/** Bar times are ISO strings in the view, as in the notify payload (CONTRACT §5). The view is read only: it may share `values` and the bar's JSON with the caller. */
export function buildMessageView(input: MessageViewInput): MessageView {
  return {
    symbol: input.config.symbol,
    timeframe: input.config.timeframe,
    provider: input.provider ?? input.config.provider ?? '',
    bar: typeof input.bar.openTime === 'string' ? (input.bar as BarJson) : barToJson(input.bar as Bar),
    values: input.values,
    jobName: input.jobName,
  };
}

const MAX_RULE_TEXT = 500;
const MAX_MESSAGE = 4000;

/** `BTCUSDT 15m: crossesBelow(rsi_14, 30) at close 27123.5 (rsi_14=28.7)` — used when notify.message is unset. */
export function renderDefaultMessage(view: MessageView, rule: Rule, indicatorSpec: IndicatorSpecFn): string {
  const ruleText = ruleTextOf(rule, indicatorSpec);
  const values = Object.entries(view.values).map(([k, v]) => `${k}=${formatNumber(v)}`);
  const text =
    `${view.symbol} ${view.timeframe}: ${ruleText} at close ${formatNumber(view.bar.close)}` +
    (values.length > 0 ? ` (${values.join(', ')})` : '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** describeRule, shortened for a message, once per rule object (alerts keep their rule objects from bar to bar). */
const ruleTexts = new WeakMap<IndicatorSpecFn, WeakMap<Rule, string>>();
function ruleTextOf(rule: Rule, indicatorSpec: IndicatorSpecFn): string {
  let texts = ruleTexts.get(indicatorSpec);
  if (texts === undefined) ruleTexts.set(indicatorSpec, (texts = new WeakMap()));
  let text = texts.get(rule);
  if (text === undefined) {
    text = describeRule(rule, indicatorSpec);
    if (text.length > MAX_RULE_TEXT) text = `${text.slice(0, MAX_RULE_TEXT - 1)}…`;
    texts.set(rule, text);
  }
  return text;
}

/** A one-line, human-readable form of a rule with §4a keys: `and(gt(close, 100), lt(rsi_14, 30))`. */
export function describeRule(rule: Rule, indicatorSpec: IndicatorSpecFn): string {
  const node = rule as Record<string, unknown>;
  const op = ruleOperator(rule);
  if (op === 'and' || op === 'or') {
    return `${op}(${(node[op] as Rule[]).map((r) => describeRule(r, indicatorSpec)).join(', ')})`;
  }
  if (op === 'not') return `not(${describeRule(node.not as Rule, indicatorSpec)})`;
  const args = (node[op] as Operand[]).map(
    (o) => operandKey(o, indicatorSpec) ?? formatNumber((o as { value: number }).value),
  );
  const bars = node.bars as number | undefined;
  if (bars !== undefined && bars !== DEFAULTS.moveBars) args.push(`bars=${bars}`);
  return `${op}(${args.join(', ')})`;
}

/** Up to 8 significant digits, no exponent noise for prices: 28.7123456 → 28.712346. */
export function formatNumber(v: number | null): string {
  if (v === null) return 'n/a';
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(8)));
}
