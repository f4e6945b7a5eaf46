/** Small checks shared by the alert validators. Each pushes a message naming the full field path. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isIntegerIn(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Rejects every key not in `allowed` (CONTRACT §4a: unknown fields are rejected). */
export function checkUnknownFields(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: string[],
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${path}.${key} is not allowed`);
  }
}

export function checkEnum(value: unknown, allowed: readonly string[], path: string, problems: string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.push(`${path} must be one of ${allowed.join(', ')}`);
  }
}

export function checkString(value: unknown, path: string, problems: string[], maxLength: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    problems.push(`${path} must be a non-empty string of at most ${maxLength} characters`);
  }
}

/** ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`), as CONTRACT §1 writes times. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && Number.isFinite(Date.parse(value));
}
