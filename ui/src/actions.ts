import { api } from './api.js';
import { confirmDialog, h } from './dom.js';
import type { JobView } from './types.js';

/** Pause/resume, run now and delete: the same buttons on the list and on a job's page. */
export function jobActions(
  job: JobView,
  after: (what: 'changed' | 'deleted') => void,
  onError: (e: unknown) => void,
): HTMLElement {
  const guarded = (fn: () => Promise<void>) => () => fn().catch(onError);
  const act = (path: string) =>
    guarded(async () => {
      await api('POST', `/jobs/${job.id}/${path}`);
      after('changed');
    });
  const remove = guarded(async () => {
    if (!(await confirmDialog(`Delete job "${job.name}" with its runs and events? This cannot be undone.`))) return;
    await api('DELETE', `/jobs/${job.id}`);
    after('deleted');
  });
  return h(
    'span',
    { class: 'actions' },
    job.enabled
      ? h('button', { 'data-testid': 'pause', onclick: act('pause') }, 'Pause')
      : h('button', { 'data-testid': 'resume', onclick: act('resume'), disabled: job.status !== 'active' }, 'Resume'),
    h('button', { 'data-testid': 'run-now', onclick: act('trigger') }, 'Run now'),
    h('button', { class: 'danger', 'data-testid': 'delete', onclick: remove }, 'Delete'),
  );
}

/** A schedule in a few words: `bar 15m`, `cron 0 3 * * * (America/New_York)`, `every 60 s`, `at 09:30`. */
export function scheduleText(schedule: Record<string, unknown>): string {
  const s = schedule as { bar?: string; cron?: string; every?: number; at?: string; timezone?: string };
  const zone = s.timezone ? ` (${s.timezone})` : '';
  if (s.bar) return `bar ${s.bar}`;
  if (s.cron) return `cron ${s.cron}${zone}`;
  if (s.every !== undefined) return `every ${s.every} s`;
  if (s.at) return `at ${s.at}${zone}`;
  return JSON.stringify(schedule);
}

/** The status of a job's current state (an alert's `armed`, `triggered`…), or its lifecycle status. */
export function stateOf(job: JobView): string {
  const status = (job.state as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : job.status;
}
