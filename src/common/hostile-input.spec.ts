import { hostileInputProblems, jsonDepthExceeds } from './hostile-input.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');
const nested = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);

describe('jsonDepthExceeds (raw bytes, before JSON.parse)', () => {
  it('allows exactly 64 levels and refuses 65', () => {
    expect(jsonDepthExceeds(bytes(nested(64)))).toBe(false);
    expect(jsonDepthExceeds(bytes(nested(65)))).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":'.repeat(65) + '1' + '}'.repeat(65)))).toBe(true);
  });

  it('does not count brackets inside strings, nor escaped quotes ending them', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ name: '['.repeat(500) })))).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ name: 'a\\"[[[' + '{'.repeat(100) })))).toBe(false);
  });

  it('answers a 30,000-level body without building it', () => {
    expect(jsonDepthExceeds(bytes(nested(30_000)))).toBe(true);
  });

  it('counts depth, not the number of siblings', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify(Array.from({ length: 1000 }, () => [[1]]))))).toBe(false);
  });
});

describe('hostileInputProblems (parsed values)', () => {
  it('names every prototype key with its path', () => {
    const body = JSON.parse('{"a": {"__proto__": {"x": 1}}, "b": [{"constructor": {"prototype": 1}}]}');
    expect(hostileInputProblems(body)).toEqual([
      'a.__proto__ is not allowed: "__proto__" is a reserved key',
      'b[0].constructor is not allowed: "constructor" is a reserved key',
    ]);
  });

  it('finds a NUL character in any string, and in keys', () => {
    expect(hostileInputProblems({ name: 'a\u0000b' })).toEqual(['name must not contain a NUL character (\\u0000)']);
    expect(hostileInputProblems({ alert: { notify: { channels: ['x', 'y\u0000'] } } })).toEqual([
      'alert.notify.channels[1] must not contain a NUL character (\\u0000)',
    ]);
    expect(hostileInputProblems({ 'k\u0000': 1 })).toEqual(['body has a key with a NUL character (\\u0000)']);
  });

  it('stops at the depth limit on values built elsewhere (YAML), without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    const problems = hostileInputProblems({ rule: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/is nested deeper than 64 levels$/);
  });

  it('accepts an ordinary job body', () => {
    expect(
      hostileInputProblems({
        name: 'ok',
        schedule: { bar: '15m' },
        alert: { rule: { gt: [{ field: 'close' }, { value: 1 }] }, notify: { message: 'x {{symbol}}' } },
      }),
    ).toEqual([]);
  });

  it('prefixes paths with the root it is given (bulk items, job files)', () => {
    expect(hostileInputProblems({ prototype: 1 }, 64, 'jobs[2]')).toEqual([
      'jobs[2].prototype is not allowed: "prototype" is a reserved key',
    ]);
  });
});
