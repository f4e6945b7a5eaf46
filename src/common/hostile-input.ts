/**
 * CONTRACT §8 "hostile input": limits every request body meets before any of it is turned into
 * objects the service works with. Pure functions; app.setup wires them into the body parser.
 */

/** JSON nested deeper than this is refused before JSON.parse builds it. */
export const MAX_JSON_DEPTH = 64;

/** Keys that could reach an object's prototype when a body is merged, spread or transformed. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of `{`/`[` in raw JSON text, stopping as soon as it passes `limit`, so a
 * 30,000-level body costs one short byte scan, not a 30,000-frame object tree (and no stack).
 * Brackets inside strings do not count. Written by hand: no JSON library exposes the depth before
 * building the tree, and this loop is one pass with no allocation.
 */
export function jsonDepthExceeds(raw: Uint8Array, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return parent ? `${parent}.${name}` : name;
}

function describeString(path: string): string {
  return `${path || 'body'} must not contain a NUL character (\\u0000)`;
}

/**
 * Every prototype key and NUL character in a parsed value, each naming its field path
 * (`alert.rule.__proto__ is not an allowed key`). Walks iteratively and stops descending past
 * `maxDepth`, so a value built elsewhere (a YAML job file) cannot overflow the stack here either.
 */
export function hostileInputProblems(value: unknown, maxDepth = MAX_JSON_DEPTH, root = ''): string[] {
  const problems: string[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push(describeString(path));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) {
      problems.push(`${path || 'body'} is nested deeper than ${maxDepth} levels`);
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (const [key, child] of entries) {
      const at = childPath(path, key);
      if (typeof key === 'string') {
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(`${at} is not allowed: "${key}" is a reserved key`);
          continue;
        }
        if (key.includes('\u0000')) problems.push(`${path || 'body'} has a key with a NUL character (\\u0000)`);
      }
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return problems.sort();
}
