import { ValidationFailed } from './errors.js';
export function encodeCursor(key) {
    return Buffer.from(JSON.stringify(key)).toString('base64url');
}
export function decodeCursor(cursor) {
    if (!cursor)
        return null;
    try {
        const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (typeof key.t === 'string' && typeof key.id === 'string' && !Number.isNaN(Date.parse(key.t)))
            return key;
    }
    catch {
        /* falls through to the 400 */
    }
    throw new ValidationFailed(['cursor is not a cursor this service issued']);
}
//# sourceMappingURL=cursor.js.map