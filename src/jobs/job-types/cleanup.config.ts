import { defineJobType } from '../core/job-type.js';

/** The `cleanup` section (CONTRACT §3): retention ages in days, each with its bounds and default. */
const FIELDS: Record<string, { max: number; fallback: number }> = {
  runsOlderThanDays: { max: 3650, fallback: 30 },
  barsOlderThanDays: { max: 36500, fallback: 365 },
  notificationsOlderThanDays: { max: 3650, fallback: 90 },
};

export function validateCleanup(section: unknown): string[] {
  if (section === undefined) return [];
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return ['cleanup must be an object'];
  return Object.entries(section).flatMap(([key, value]) => {
    const field = FIELDS[key];
    if (!field) return [`cleanup.${key} is not a known field (${Object.keys(FIELDS).join(', ')})`];
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= field.max
      ? []
      : [`cleanup.${key} must be an integer 1…${field.max}`];
  });
}

export function normalizeCleanup(section: unknown): Record<string, number> {
  const given = (section ?? {}) as Record<string, number>;
  return Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, given[k] ?? f.fallback]));
}

/** `cleanup` jobs (CONTRACT §3): retention ages, each defaulted. */
export const cleanupJobType = defineJobType({
  type: 'cleanup',
  validate: validateCleanup,
  normalize: normalizeCleanup,
});
