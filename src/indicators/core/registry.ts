import { Adx } from './adx.js';
import { Atr } from './atr.js';
import { Bbands } from './bbands.js';
import { Cci } from './cci.js';
import { Ema } from './ema.js';
import { Macd } from './macd.js';
import { Obv } from './obv.js';
import { Roc } from './roc.js';
import { Rsi } from './rsi.js';
import { Sma } from './sma.js';
import { Stoch } from './stoch.js';
import { INDICATOR_NAMES, type IndicatorName, type StreamingIndicator } from './types.js';
import { Vwap } from './vwap.js';
import { Wma } from './wma.js';

export type ParamValue = number | string;
export type IndicatorParams = Record<string, unknown>;

export interface ParamSpec {
  readonly name: string;
  readonly kind: 'period' | 'positive' | 'anchor';
  readonly default: ParamValue;
}

export interface IndicatorSpec {
  readonly name: IndicatorName;
  /** Parameters in signature order (the order of the `values` key, CONTRACT §4a). */
  readonly params: readonly ParamSpec[];
  /** Output names; a single-output indicator has the one output `value` (no key suffix). */
  readonly outputs: readonly string[];
  /** Output used when a request names none. */
  readonly defaultOutput: string;
  /** Bars before the first value (TA-Lib's lookback), from the resolved params in order. */
  readonly warmup: (p: readonly number[]) => number;
  readonly create: (p: readonly ParamValue[]) => StreamingIndicator;
}

export const PERIOD_MIN = 1;
export const PERIOD_MAX = 1000;
export const VWAP_ANCHORS = ['day'] as const;

const period = (def: number): ParamSpec => ({ name: 'period', kind: 'period', default: def });
const single = { outputs: ['value'], defaultOutput: 'value' } as const;
const num = (v: ParamValue): number => v as number;

/** Defaults of period-only indicators are TA-Lib's own defaults. */
export const INDICATORS: Readonly<Record<IndicatorName, IndicatorSpec>> = {
  sma: { name: 'sma', params: [period(30)], ...single, warmup: ([p]) => p - 1, create: ([p]) => new Sma(num(p)) },
  ema: { name: 'ema', params: [period(30)], ...single, warmup: ([p]) => p - 1, create: ([p]) => new Ema(num(p)) },
  wma: { name: 'wma', params: [period(30)], ...single, warmup: ([p]) => p - 1, create: ([p]) => new Wma(num(p)) },
  rsi: { name: 'rsi', params: [period(14)], ...single, warmup: ([p]) => p, create: ([p]) => new Rsi(num(p)) },
  atr: { name: 'atr', params: [period(14)], ...single, warmup: ([p]) => p, create: ([p]) => new Atr(num(p)) },
  adx: { name: 'adx', params: [period(14)], ...single, warmup: ([p]) => 2 * p - 1, create: ([p]) => new Adx(num(p)) },
  cci: { name: 'cci', params: [period(14)], ...single, warmup: ([p]) => p - 1, create: ([p]) => new Cci(num(p)) },
  roc: { name: 'roc', params: [period(10)], ...single, warmup: ([p]) => p, create: ([p]) => new Roc(num(p)) },
  macd: {
    name: 'macd',
    params: [
      { name: 'fastPeriod', kind: 'period', default: 12 },
      { name: 'slowPeriod', kind: 'period', default: 26 },
      { name: 'signalPeriod', kind: 'period', default: 9 },
    ],
    outputs: ['macd', 'signal', 'histogram'],
    defaultOutput: 'macd',
    warmup: ([f, s, g]) => Math.max(f, s) + g - 2,
    create: ([f, s, g]) => new Macd(num(f), num(s), num(g)),
  },
  bbands: {
    name: 'bbands',
    params: [
      { name: 'period', kind: 'period', default: 20 },
      { name: 'stdDev', kind: 'positive', default: 2 },
    ],
    outputs: ['upper', 'middle', 'lower'],
    defaultOutput: 'middle',
    warmup: ([p]) => p - 1,
    create: ([p, k]) => new Bbands(num(p), num(k)),
  },
  stoch: {
    name: 'stoch',
    params: [
      { name: 'kPeriod', kind: 'period', default: 14 },
      { name: 'kSlowing', kind: 'period', default: 3 },
      { name: 'dPeriod', kind: 'period', default: 3 },
    ],
    outputs: ['k', 'd'],
    defaultOutput: 'k',
    warmup: ([k, s, d]) => k - 1 + (s - 1) + (d - 1),
    create: ([k, s, d]) => new Stoch(num(k), num(s), num(d)),
  },
  obv: { name: 'obv', params: [], ...single, warmup: () => 0, create: () => new Obv() },
  vwap: {
    name: 'vwap',
    params: [{ name: 'anchor', kind: 'anchor', default: 'day' }],
    ...single,
    warmup: () => 0,
    create: () => new Vwap('day'),
  },
};

export function isIndicatorName(name: unknown): name is IndicatorName {
  return typeof name === 'string' && (INDICATOR_NAMES as readonly string[]).includes(name);
}

/**
 * Human-readable problems with an indicator operand (empty when valid): unknown indicator,
 * unknown param, a bad param value, unknown output.
 */
export function validateIndicator(name: unknown, params: IndicatorParams = {}, output?: unknown): string[] {
  if (!isIndicatorName(name)) {
    return [`unknown indicator "${String(name)}" (expected one of ${INDICATOR_NAMES.join(', ')})`];
  }
  const spec = INDICATORS[name];
  const problems: string[] = [];
  const known = spec.params.map((p) => p.name);
  for (const key of Object.keys(params ?? {})) {
    if (!known.includes(key)) {
      problems.push(
        `unknown param "${key}" for ${name}` + (known.length ? ` (expected ${known.join(', ')})` : ' (it takes none)'),
      );
    }
  }
  for (const p of spec.params) {
    const v = params?.[p.name];
    if (v !== undefined) problems.push(...checkParam(p, v));
  }
  if (output !== undefined && !(typeof output === 'string' && spec.outputs.includes(output))) {
    problems.push(`unknown output "${String(output)}" for ${name} (expected ${spec.outputs.join(', ')})`);
  }
  return problems;
}

function checkParam(p: ParamSpec, v: unknown): string[] {
  switch (p.kind) {
    case 'period':
      return Number.isInteger(v) && (v as number) >= PERIOD_MIN && (v as number) <= PERIOD_MAX
        ? []
        : [`${p.name} must be an integer ${PERIOD_MIN}…${PERIOD_MAX}`];
    case 'positive':
      return typeof v === 'number' && Number.isFinite(v) && v > 0 ? [] : [`${p.name} must be a finite positive number`];
    case 'anchor':
      return (VWAP_ANCHORS as readonly unknown[]).includes(v)
        ? []
        : [`${p.name} must be one of: ${VWAP_ANCHORS.map((a) => `"${a}"`).join(', ')}`];
  }
}

/** Param values in signature order with defaults filled in; throws on invalid input. */
export function resolveParams(name: IndicatorName, params: IndicatorParams = {}): ParamValue[] {
  const problems = validateIndicator(name, params);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return INDICATORS[name].params.map((p) => (params?.[p.name] ?? p.default) as ParamValue);
}

/**
 * The `values` key of CONTRACT §4a: `<indicator>_<param values in signature order>`, plus
 * `_<output>` for multi-output indicators (`rsi_14`, `macd_12_26_9_signal`, `obv`, `vwap_day`).
 */
export function valueKey(name: IndicatorName, params: IndicatorParams = {}, output?: string): string {
  const spec = INDICATORS[name];
  const parts: string[] = [name, ...resolveParams(name, params).map(String)];
  if (spec.outputs.length > 1) parts.push(output ?? spec.defaultOutput);
  return parts.join('_');
}

/** A fresh streaming indicator; throws a RangeError listing the problems when params are invalid. */
export function createIndicator(name: IndicatorName, params: IndicatorParams = {}): StreamingIndicator {
  if (!isIndicatorName(name)) throw new RangeError(validateIndicator(name).join('; '));
  return INDICATORS[name].create(resolveParams(name, params));
}

/** Bars before the first value (TA-Lib's lookback): size lookbacks with it. */
export function warmupBars(name: IndicatorName, params: IndicatorParams = {}): number {
  const values = resolveParams(name, params);
  return INDICATORS[name].warmup(values.map((v) => (typeof v === 'number' ? v : 0)));
}
