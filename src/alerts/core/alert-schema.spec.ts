import { readFileSync } from 'node:fs';
import { TIMEFRAMES } from '../../base/domain/timeframe.js';
import { PROVIDER_NAMES } from '../../market-data/providers/provider-table.js';
import { PRICE_FIELDS, PRIORITIES, RULE_OPERATORS, TRIGGERS } from './alert-config.js';
import { validateAlertConfig } from './validate-alert-config.js';
import { fakeIndicatorSpec } from '../../../test/support/fake-indicators.js';

type Schema = Record<string, any>; // JSON Schema is untyped JSON
const root: Schema = JSON.parse(readFileSync(new URL('../../../docs/alert.schema.json', import.meta.url), 'utf8'));

/**
 * Just enough of JSON Schema 2020-12 to check docs/alert.schema.json against the validator
 * (no validator library is a dependency): $ref, type, enum, properties, required,
 * additionalProperties, items, min/maxItems, oneOf, anyOf, minimum, maximum, min/maxLength, pattern.
 */
function matches(schema: Schema | boolean, value: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  if (schema.$ref)
    return matches(
      schema.$ref
        .split('/')
        .slice(1)
        .reduce((s: Schema, k: string) => s[k], root),
      value,
    );
  if (schema.type && ![schema.type].flat().some((t: string) => hasType(t, value))) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.oneOf && schema.oneOf.filter((s: Schema) => matches(s, value)).length !== 1) return false;
  if (schema.anyOf && !schema.anyOf.some((s: Schema) => matches(s, value))) return false;
  if (typeof value === 'number' && !numberOk(schema, value)) return false;
  if (typeof value === 'string' && !stringOk(schema, value)) return false;
  if (Array.isArray(value) && !arrayOk(schema, value)) return false;
  if (hasType('object', value) && !objectOk(schema, value as Record<string, unknown>)) return false;
  return true;
}

function hasType(type: string, v: unknown): boolean {
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'null') return v === null;
  if (type === 'array') return Array.isArray(v);
  if (type === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return typeof v === type;
}

const numberOk = (s: Schema, v: number) =>
  (s.minimum === undefined || v >= s.minimum) && (s.maximum === undefined || v <= s.maximum);
const stringOk = (s: Schema, v: string) =>
  (s.minLength === undefined || v.length >= s.minLength) &&
  (s.maxLength === undefined || v.length <= s.maxLength) &&
  (s.pattern === undefined || new RegExp(s.pattern, 'u').test(v));
const arrayOk = (s: Schema, v: unknown[]) =>
  (s.minItems === undefined || v.length >= s.minItems) &&
  (s.maxItems === undefined || v.length <= s.maxItems) &&
  (s.items === undefined || v.every((x) => matches(s.items, x)));

function objectOk(s: Schema, v: Record<string, unknown>): boolean {
  if (s.required && !s.required.every((k: string) => k in v)) return false;
  return Object.entries(v).every(([k, x]) =>
    s.properties && k in s.properties
      ? matches(s.properties[k], x)
      : s.additionalProperties === undefined || matches(s.additionalProperties, x),
  );
}

const sma = { indicator: 'sma', params: { period: 14 } };
const valid: unknown[] = [
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 100 }] } },
  {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '15m',
    rule: { crossesBelow: [sma, { value: 30 }] },
    trigger: 'oncePerBarClose',
    rearm: { when: { gt: [sma, { value: 45 }] }, cooldownSeconds: 3600 },
    persistenceBars: 1,
    expiresAt: null,
    maxTriggers: null,
    lookbackBars: 300,
    notify: { channels: ['telegram'], recipient: 'chat-42', priority: 'high', message: '{{symbol}} {{values.sma_14}}' },
  },
  {
    symbol: 'AAPL',
    timeframe: '1d',
    rule: { gt: [{ field: 'close' }, { value: 1 }] },
    notify: { channels: ['telegram'], recipient: 'chat-42', digestSeconds: 60 },
  },
  {
    symbol: 'ETHUSDT',
    timeframe: '1h',
    trigger: 'oncePerBar',
    expiresAt: '2026-03-01T00:00:00Z',
    maxTriggers: 5,
    floodGuard: { maxTriggers: 3, perSeconds: 600 },
    rule: {
      and: [
        {
          not: {
            between: [
              { field: 'hlc3', barsAgo: 1 },
              { indicator: 'donchian', params: { period: 20 }, output: 'lower' },
              { value: 10 },
            ],
          },
        },
        {
          or: [
            { movesUpPct: [{ field: 'close' }, { value: 2.5 }], bars: 4 },
            { exitsChannel: [{ field: 'close' }, { value: 1 }, { value: 2 }] },
          ],
        },
      ],
    },
  },
];
const invalid: Record<string, unknown>[] = [
  { symbol: 'AAPL', timeframe: '1d' },
  { symbol: 'AAPL', timeframe: '10m', rule: { gt: [{ field: 'close' }, { value: 1 }] } },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }] } },
  {
    symbol: 'AAPL',
    timeframe: '1d',
    rule: { gt: [{ field: 'close' }, { value: 1 }], lt: [{ field: 'close' }, { value: 2 }] },
  },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, colour: 'red' },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close', value: 3 }, { value: 1 }] } },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close', barsAgo: -1 }, { value: 1 }] } },
  { symbol: 'AAPL', timeframe: '1d', rule: { movesUp: [{ field: 'close' }, { value: 1 }], bars: 0 } },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }], bars: 2 } },
  { symbol: 'AAPL', timeframe: '1d', rule: { and: [] } },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, lookbackBars: 5001 },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, maxTriggers: 0 },
  {
    symbol: 'AAPL',
    timeframe: '1d',
    rule: { gt: [{ field: 'close' }, { value: 1 }] },
    floodGuard: { maxTriggers: 15, perSeconds: 0 },
  },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, floodGuard: { every: 3 } },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, expiresAt: 'tomorrow' },
  { symbol: 'AAPL', timeframe: '1d', rule: { gt: [{ field: 'close' }, { value: 1 }] }, notify: { channels: [] } },
  ...[0, 5, 86_401, 60.5, '60'].map((digestSeconds) => ({
    symbol: 'AAPL',
    timeframe: '1d',
    rule: { gt: [{ field: 'close' }, { value: 1 }] },
    notify: { channels: ['telegram'], digestSeconds },
  })),
  {
    symbol: 'AAPL',
    timeframe: '1d',
    rule: { gt: [{ field: 'close' }, { value: 1 }] },
    rearm: { cooldownSeconds: 1.5 },
  },
];

describe('docs/alert.schema.json', () => {
  it('is a draft 2020-12 schema with the recursive rule in $defs', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.properties.rule).toEqual({ $ref: '#/$defs/rule' });
    expect(root.$defs.and.properties.and.items).toEqual({ $ref: '#/$defs/rule' });
  });

  it('lists the same enums and operators as the code, so the two cannot drift apart', () => {
    expect(root.properties.timeframe.enum).toEqual([...TIMEFRAMES]);
    expect(root.properties.trigger.enum).toEqual([...TRIGGERS]);
    expect(root.properties.provider.enum).toEqual([...PROVIDER_NAMES]);
    expect(root.properties.notify.properties.priority.enum).toEqual([...PRIORITIES]);
    expect(root.$defs.fieldOperand.properties.field.enum).toEqual([...PRICE_FIELDS]);
    const ops = ['and', 'or', 'not', 'comparison', 'crossing', 'channel', 'move'].flatMap((d) =>
      Object.keys(root.$defs[d].properties).filter((k) => k !== 'bars'),
    );
    expect(ops).toEqual([...RULE_OPERATORS]);
  });

  it.each(valid.map((c, i) => [i, c]))('accepts valid sample %d, as the validator does', (_, config) => {
    expect(validateAlertConfig(config, fakeIndicatorSpec)).toEqual([]);
    expect(matches(root, config)).toBe(true);
  });

  it.each(invalid.map((c, i) => [i, c]))('rejects invalid sample %d, as the validator does', (_, config) => {
    expect(validateAlertConfig(config, fakeIndicatorSpec)).not.toEqual([]);
    expect(matches(root, config)).toBe(false);
  });
});
