/**
 * Bulk statement parameters built by hand: a bar close sends 100,000s of values, and pg's generic
 * per-element escaping (and JSON.stringify of objects keyed by id) is a real share of that cost.
 */

/**
 * A Postgres array literal of values that need no quoting: uuids, numbers, ISO timestamps and plain
 * words (no comma, quote, brace, backslash or space). Null becomes NULL.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  return `{${(values.includes(null) ? values.map((v) => (v === null ? 'NULL' : v)) : values).join(',')}}`;
}

/**
 * A JSON object text `{"<key>": <value>, …}` for keys that need no escaping (uuids). Each distinct
 * value object is serialized once: the results of alike alerts are one shared object.
 */
export function jsonObjectByKey(keys: readonly string[], values: readonly unknown[]): string {
  const texts = new Map<unknown, string>();
  const parts: string[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const value = values[i] ?? null;
    let text = texts.get(value);
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
    parts[i] = `"${keys[i]}":${text}`;
  }
  return `{${parts.join(',')}}`;
}
