import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface JobFileItem {
  /** Where the item is, for messages: `btc.yaml`, `alerts.json[3]`. */
  ref: string;
  body: unknown;
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** A file holds one job, an array of jobs, or `{"jobs": [...]}`, in JSON or YAML. */
export function readJobFile(path: string): { items: JobFileItem[]; problems: string[] } {
  const name = basename(path);
  let doc: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    doc = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    return { items: [], problems: [`${name}: ${(e as Error).message.split('\n')[0]}`] };
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { jobs?: unknown }).jobs)
      ? (doc as { jobs: unknown[] }).jobs
      : null;
  if (list === null) return { items: [{ ref: name, body: doc }], problems: [] };
  return { items: list.map((body, i) => ({ ref: `${name}[${i}]`, body })), problems: [] };
}

/** Every `*.json`, `*.yaml`, `*.yml` in `dir` (not recursive), sorted so every replica reads them in one order. */
export function jobFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => EXTENSIONS.has(extname(f)))
    .sort()
    .map((f) => join(dir, f));
}
