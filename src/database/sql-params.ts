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

/** TypeORM answers UPDATE/DELETE … RETURNING as `[rows, rowCount]` and INSERT/SELECT as `rows`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function rowsOf(result: any): any[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? result[0]
    : result;
}
