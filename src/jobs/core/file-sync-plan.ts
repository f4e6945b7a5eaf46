import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

/** A job as an ALERTS_DIR file defines it: its name and the normalised body the store keeps. */
export interface FileJob<S = unknown> {
  name: string;
  spec: S;
  /** sha-256 of the canonical JSON of `spec`: whether the file's definition changed since the last sync. */
  digest: string;
}

/** What the store holds that a sync compares against. */
export interface StoredJob {
  id: string;
  name: string;
  source: string;
  fileDigest: string | null;
}

export interface FileSyncPlan<S = unknown> {
  create: Array<FileJob<S>>;
  update: Array<{ id: string; job: FileJob<S> }>;
  delete: StoredJob[];
  unchanged: number;
  /** A file job whose name an API-created job holds: the API job is never touched, so the sync is refused. */
  problems: string[];
}

/**
 * The digest of a normalised definition. Canonical JSON (sorted keys), because jsonb hands objects
 * back in its own key order: comparing a stored body with a file's by plain `JSON.stringify` calls
 * every alert "changed", and a change resets its state.
 */
export function definitionDigest(spec: unknown): string {
  return createHash('sha256').update(stableStringify(spec)).digest('hex');
}

/**
 * Decides a sync (pure). A file job whose digest did not move is unchanged and keeps its state,
 * including a pause, `done` or `expired` its runs or the API gave it; a changed one is replaced;
 * a file job no file defines any more is deleted; jobs created through the API are never touched.
 */
export function planFileSync<S>(wanted: Array<FileJob<S>>, stored: StoredJob[]): FileSyncPlan<S> {
  const byName = new Map(stored.map((j) => [j.name, j]));
  const wantedNames = new Set(wanted.map((w) => w.name));
  const plan: FileSyncPlan<S> = { create: [], update: [], delete: [], unchanged: 0, problems: [] };
  for (const job of wanted) {
    const current = byName.get(job.name);
    if (!current) plan.create.push(job);
    else if (current.source !== 'file')
      plan.problems.push(`job "${job.name}" exists and was created through the API; a file may not redefine it`);
    else if (current.fileDigest === job.digest) plan.unchanged += 1;
    else plan.update.push({ id: current.id, job });
  }
  for (const job of stored) if (job.source === 'file' && !wantedNames.has(job.name)) plan.delete.push(job);
  return plan;
}
