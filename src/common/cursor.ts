import { ValidationFailed } from './errors.js';

/** Keyset-pagination cursors: opaque to clients, `(time, id)` of the last item of the page. */
export interface CursorKey {
  t: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (typeof key.t === 'string' && typeof key.id === 'string' && !Number.isNaN(Date.parse(key.t))) return key;
  } catch {
    /* falls through to the 400 */
  }
  throw new ValidationFailed(['cursor is not a cursor this service issued']);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A page from `limit + 1` rows fetched in key order: the extra row only says there is a next
 * page, whose cursor is the key `(time, id)` of this page's last item.
 */
export function toPage<R extends { id: string }, V>(
  rows: R[],
  limit: number,
  timeOf: (row: R) => Date,
  view: (row: R) => V,
): Page<V> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: timeOf(last).toISOString(), id: last.id }) : null,
  };
}
