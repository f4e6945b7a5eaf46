import type { DataKind } from './reference-source.js';

/** What any vendor spells a symbol with (the same rule as `dataSync`). */
export const SYMBOL = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;
export const MAX_SYMBOLS = 500;
const COUNTRY = /^[A-Z]{2}$/;

interface IntField {
  min: number;
  max: number;
  fallback: number;
}

/** One data kind's section: its list field (required or not) and its integer fields with defaults. */
interface SectionSpec {
  list: { field: 'symbols' | 'countries'; required: boolean };
  ints: Record<string, IntField>;
}

/** The sections of CONTRACT §8's table, one entry per data job type. */
export const SECTION_SPECS: Record<DataKind, SectionSpec> = {
  quotes: { list: { field: 'symbols', required: true }, ints: {} },
  companyInfo: { list: { field: 'symbols', required: true }, ints: {} },
  earnings: { list: { field: 'symbols', required: false }, ints: { daysAhead: { min: 1, max: 365, fallback: 30 } } },
  news: { list: { field: 'symbols', required: false }, ints: { lookbackHours: { min: 1, max: 720, fallback: 24 } } },
  economicEvents: {
    list: { field: 'countries', required: false },
    ints: { daysAhead: { min: 1, max: 90, fallback: 14 } },
  },
  optionsChain: { list: { field: 'symbols', required: true }, ints: { expirations: { min: 1, max: 24, fallback: 2 } } },
};

/** A section as stored: the list (deduplicated; absent when not given) and every integer with its default. */
export interface DataJobConfig {
  symbols?: string[];
  countries?: string[];
  [field: string]: number | string[] | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems in a data job's section, each starting with its path (`quotes.symbols[2] must …`). */
export function validateDataJob(kind: DataKind, section: unknown): string[] {
  const spec = SECTION_SPECS[kind];
  if (section === undefined) return spec.list.required ? [`${kind} is required for a job of type ${kind}`] : [];
  if (!isObject(section)) return [`${kind} must be an object`];
  const known = [spec.list.field, ...Object.keys(spec.ints)];
  const problems = Object.keys(section)
    .filter((k) => !known.includes(k))
    .map((k) => `${kind}.${k} is not a known field (${known.join(', ')})`);
  problems.push(...listProblems(kind, spec, section[spec.list.field]));
  for (const [field, f] of Object.entries(spec.ints)) {
    const v = section[field];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= f.min && (v as number) <= f.max))
      problems.push(`${kind}.${field} must be an integer ${f.min}…${f.max}`);
  }
  return problems;
}

function listProblems(kind: DataKind, spec: SectionSpec, value: unknown): string[] {
  const { field, required } = spec.list;
  const path = `${kind}.${field}`;
  if (value === undefined) return required ? [`${path} is required`] : [];
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SYMBOLS)
    return [`${path} must be a non-empty array of at most ${MAX_SYMBOLS} ${field}`];
  const ok = field === 'symbols' ? SYMBOL : COUNTRY;
  const what = field === 'symbols' ? 'a symbol (1…64 of letters, digits and ^=.-_/:)' : 'an ISO 3166 country code (US)';
  return value.flatMap((v, i) => (typeof v === 'string' && ok.test(v) ? [] : [`${path}[${i}] must be ${what}`]));
}

/** Only called on a section validateDataJob accepted. Symbols are kept as given (vendors are case-sensitive). */
export function normalizeDataJob(kind: DataKind, section: unknown): DataJobConfig {
  const spec = SECTION_SPECS[kind];
  const given = (section ?? {}) as Record<string, unknown>;
  const out: DataJobConfig = {};
  const list = given[spec.list.field] as string[] | undefined;
  if (list) out[spec.list.field] = [...new Set(list)];
  for (const [field, f] of Object.entries(spec.ints)) out[field] = (given[field] as number | undefined) ?? f.fallback;
  return out;
}
