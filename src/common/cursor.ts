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
