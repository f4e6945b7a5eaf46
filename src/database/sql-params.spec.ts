import { arrayLiteral, jsonObjectByKey } from './sql-params.js';

describe('bulk SQL parameters', () => {
  it('writes array literals, nulls as NULL', () => {
    expect(arrayLiteral(['3f2c1a9e-0000-4000-8000-000000000001', '3f2c1a9e-0000-4000-8000-000000000002'])).toBe(
      '{3f2c1a9e-0000-4000-8000-000000000001,3f2c1a9e-0000-4000-8000-000000000002}',
    );
    expect(arrayLiteral([1, null, 3])).toBe('{1,NULL,3}');
    expect(arrayLiteral([])).toBe('{}');
  });

  it('writes a JSON object by key that parses to what JSON.stringify would give, sharing each value object once', () => {
    const shared = {
      outcome: 'evaluated',
      evaluated: ['2026-03-02T14:00:00.000Z'],
      note: 'quote " and \\ and ünïcode',
    };
    const keys = ['a', 'b', 'c', 'd'];
    const values = [shared, shared, null, { other: 1 }];
    const text = jsonObjectByKey(keys, values);
    expect(JSON.parse(text)).toEqual({ a: shared, b: shared, c: null, d: { other: 1 } });
    expect(text).toBe(JSON.stringify({ a: shared, b: shared, c: null, d: { other: 1 } }));
    expect(jsonObjectByKey([], [])).toBe('{}');
    expect(jsonObjectByKey(['x'], [undefined])).toBe('{"x":null}');
  });
});
