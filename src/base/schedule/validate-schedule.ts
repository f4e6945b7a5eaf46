import { isTimeframe, TIMEFRAMES } from '../domain/timeframe.js';
import { cronProblem, nextCronFire } from './cron.js';
import { CALENDARS, MAX_DELAY_SECONDS, MAX_JITTER_SECONDS, SCHEDULE_KINDS } from './schedule-spec.js';
import { isIanaTimeZone } from './time-zone.js';

type Spec = Record<string, unknown>;

const COMMON_FIELDS = ['calendar', 'marketHoursOnly', 'startAt', 'endAt', 'jitterSeconds'];
const KIND_FIELDS: Record<string, string[]> = {
  bar: ['bar', 'delaySeconds'],
  cron: ['cron', 'timezone'],
  every: ['every'],
  at: ['at', 'timezone'],
};
const ALL_FIELDS = new Set([...COMMON_FIELDS, ...Object.values(KIND_FIELDS).flat()]);
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A fixed reference so "never fires" is decided the same way on every call (no clock in the core). */
const NEVER_FIRES_REFERENCE_MS = Date.UTC(2020, 0, 1);

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const quote = (v: unknown): string => JSON.stringify(v) ?? String(v);

/**
 * Every problem with a CONTRACT §3 schedule, each naming its field path (`schedule.cron: …`).
 * An empty list means `spec` is a valid ScheduleSpec. `defaults.timezone` is SCHEDULER_TIMEZONE,
 * used to check a cron that gives no timezone of its own.
 */
export function validateSchedule(spec: unknown, defaults: { timezone: string }, path = 'schedule'): string[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [`${path} must be an object`];
  const s = spec as Spec;
  const kinds = SCHEDULE_KINDS.filter((k) => s[k] !== undefined);
  const errors = unknownFields(s, kinds, path);
  if (kinds.length !== 1) {
    errors.push(
      `${path}: exactly one of bar, cron, every, at is required` +
        (kinds.length > 1 ? ` (got ${kinds.join(', ')})` : ''),
    );
  } else {
    errors.push(...kindProblems(kinds[0], s, defaults, path));
  }
  errors.push(...commonProblems(s, path));
  return errors;
}

function unknownFields(s: Spec, kinds: string[], path: string): string[] {
  const allowed = new Set([...COMMON_FIELDS, ...kinds.flatMap((k) => KIND_FIELDS[k])]);
  return Object.keys(s)
    .filter((key) => !allowed.has(key))
    .map((key) => {
      if (!ALL_FIELDS.has(key)) return `${path}.${key} is not allowed (unknown field)`;
      const owners = Object.keys(KIND_FIELDS).filter((k) => KIND_FIELDS[k].includes(key));
      return `${path}.${key} is only allowed with ${owners.join(' or ')}`;
    });
}

function kindProblems(kind: string, s: Spec, defaults: { timezone: string }, path: string): string[] {
  switch (kind) {
    case 'bar':
      return barProblems(s, path);
    case 'cron':
      return [...timezoneProblems(s, path), ...cronProblems(s, defaults, path)];
    case 'every':
      return isInt(s.every) && s.every >= 1
        ? []
        : [`${path}.every must be an integer ≥ 1 (seconds), got ${quote(s.every)}`];
    default:
      return [...timezoneProblems(s, path), ...atProblems(s, path)];
  }
}

function barProblems(s: Spec, path: string): string[] {
  const errors: string[] = [];
  if (!isTimeframe(s.bar))
    errors.push(`${path}.bar: ${quote(s.bar)} is not a timeframe (one of ${TIMEFRAMES.join(', ')})`);
  if (
    s.delaySeconds !== undefined &&
    !(isInt(s.delaySeconds) && s.delaySeconds >= 0 && s.delaySeconds <= MAX_DELAY_SECONDS)
  ) {
    errors.push(`${path}.delaySeconds must be an integer 0…${MAX_DELAY_SECONDS}, got ${quote(s.delaySeconds)}`);
  }
  return errors;
}

function timezoneProblems(s: Spec, path: string): string[] {
  if (s.timezone === undefined || isIanaTimeZone(s.timezone)) return [];
  return [`${path}.timezone: ${quote(s.timezone)} is not an IANA time zone`];
}

function cronProblems(s: Spec, defaults: { timezone: string }, path: string): string[] {
  if (typeof s.cron !== 'string') return [`${path}.cron must be a string, got ${quote(s.cron)}`];
  const problem = cronProblem(s.cron);
  if (problem) return [`${path}.cron: ${quote(s.cron)} is not a valid cron expression (${problem})`];
  const zone = isIanaTimeZone(s.timezone) ? s.timezone : isIanaTimeZone(defaults.timezone) ? defaults.timezone : 'UTC';
  // A syntactically valid pattern can still never match (`0 0 31 2 *`); say so now rather than never run.
  if (nextCronFire(s.cron, zone, NEVER_FIRES_REFERENCE_MS) === null) {
    return [`${path}.cron: ${quote(s.cron)} never fires`];
  }
  return [];
}

function atProblems(s: Spec, path: string): string[] {
  if (typeof s.at === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(s.at)) return [];
  return [`${path}.at must be HH:MM (00:00–23:59), got ${quote(s.at)}`];
}

function commonProblems(s: Spec, path: string): string[] {
  const errors: string[] = [];
  if (s.calendar !== undefined && !CALENDARS.includes(s.calendar as never)) {
    errors.push(`${path}.calendar must be one of ${CALENDARS.join(', ')}, got ${quote(s.calendar)}`);
  }
  if (s.marketHoursOnly !== undefined && typeof s.marketHoursOnly !== 'boolean') {
    errors.push(`${path}.marketHoursOnly must be a boolean, got ${quote(s.marketHoursOnly)}`);
  }
  if (s.marketHoursOnly === true && s.calendar === '24x7') {
    errors.push(
      `${path}.marketHoursOnly needs calendar XNYS or XNAS (24x7 has no market hours; omit calendar for XNYS)`,
    );
  }
  if (
    s.jitterSeconds !== undefined &&
    !(isInt(s.jitterSeconds) && s.jitterSeconds >= 0 && s.jitterSeconds <= MAX_JITTER_SECONDS)
  ) {
    errors.push(`${path}.jitterSeconds must be an integer 0…${MAX_JITTER_SECONDS}, got ${quote(s.jitterSeconds)}`);
  }
  const start = instantField(s, 'startAt', path, errors);
  const end = instantField(s, 'endAt', path, errors);
  if (start !== null && end !== null && end <= start) errors.push(`${path}.endAt must be after ${path}.startAt`);
  return errors;
}

/** Parses an ISO-8601 instant with a zone designator, rejecting impossible dates (Feb 30). */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_INSTANT.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, sec = '0'] = m.slice(1, 7).map((x) => x ?? '0');
  const fields = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  const back = new Date(fields);
  const sane =
    back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(mo) - 1 && Number(h) < 24 && Number(sec) < 60;
  const ms = Date.parse(value);
  return sane && Number.isFinite(ms) ? ms : null;
}

function instantField(s: Spec, key: 'startAt' | 'endAt', path: string, errors: string[]): number | null {
  if (s[key] === undefined) return null;
  const ms = parseInstant(s[key]);
  if (ms === null)
    errors.push(`${path}.${key} must be an ISO-8601 date-time with Z or an offset, got ${quote(s[key])}`);
  return ms;
}
