/** Small checks shared by the alert validators. Each pushes a message naming the full field path. */
export function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export function isFiniteNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
export function isIntegerIn(value, min, max = Number.MAX_SAFE_INTEGER) {
    return Number.isSafeInteger(value) && value >= min && value <= max;
}
/** Rejects every key not in `allowed` (CONTRACT §4a: unknown fields are rejected). */
export function checkUnknownFields(obj, allowed, path, problems) {
    for (const key of Object.keys(obj)) {
        if (!allowed.includes(key))
            problems.push(`${path}.${key} is not allowed`);
    }
}
export function checkEnum(value, allowed, path, problems) {
    if (typeof value !== 'string' || !allowed.includes(value)) {
        problems.push(`${path} must be one of ${allowed.join(', ')}`);
    }
}
export function checkString(value, path, problems, maxLength) {
    if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
        problems.push(`${path} must be a non-empty string of at most ${maxLength} characters`);
    }
}
/** ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`), as CONTRACT §1 writes times. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export function isIsoDateTime(value) {
    return typeof value === 'string' && ISO_DATE_TIME.test(value) && Number.isFinite(Date.parse(value));
}
//# sourceMappingURL=validate-helpers.js.map