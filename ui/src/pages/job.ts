import { jobActions, scheduleText, stateOf } from '../actions.js';
import { api } from '../api.js';
import { badge, duration, errorBox, h, json, replace, table, time } from '../dom.js';
import { bodyOf } from '../job-body.js';
import { go, link, type Route } from '../router.js';
import type { AlertEventView, JobView, Page, RunView, ValidateAnswer } from '../types.js';

const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : null);

/** One job: its definition, next fire times, run history and, for an alert, its events. */
export async function jobPage(route: Route, rerender: () => void): Promise<Node> {
  const id = route.path[1];
  const job = await api<JobView>('GET', `/jobs/${id}`);
  const [runs, events, next] = await Promise.all([
    api<Page<RunView>>('GET', `/jobs/${id}/runs?limit=50`),
    job.type === 'alert' ? api<Page<AlertEventView>>('GET', `/jobs/${id}/events?limit=100`) : null,
    job.enabled && job.status === 'active'
      ? api<ValidateAnswer>('POST', '/jobs/validate', bodyOf(job)).catch(() => null)
      : null,
  ]);
  const problems = h('div');
  const actions = jobActions(
    job,
    (what) => (what === 'deleted' ? go('/jobs') : rerender()),
    (e) => replace(problems, errorBox(e, 'action-error')),
  );
  return h(
    'div',
    { 'data-testid': 'job-page', 'data-job-id': job.id },
    h(
      'h1',
      null,
      job.name,
      ' ',
      job.enabled ? badge('enabled') : badge('paused'),
      ' ',
      h('span', { 'data-testid': 'job-state' }, badge(stateOf(job))),
    ),
    h(
      'p',
      { class: 'toolbar' },
      actions,
      h('a', { href: link.edit(job.id), class: 'button', 'data-testid': 'edit' }, 'Edit'),
      job.type === 'alert'
        ? h('a', { href: link.chart(job.id), class: 'button', 'data-testid': 'chart-link' }, 'Chart')
        : null,
    ),
    problems,
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card' },
        h('h2', null, 'Schedule'),
        h(
          'dl',
          null,
          h('dt', null, 'Type'),
          h('dd', null, job.type),
          h('dt', null, 'Schedule'),
          h('dd', null, scheduleText(job.schedule)),
          h('dt', null, 'Next run'),
          h('dd', { 'data-testid': 'next-run' }, time(job.nextRunAt)),
          h('dt', null, 'Source'),
          h('dd', null, job.source),
          h('dt', null, 'Version'),
          h('dd', null, String(job.version)),
        ),
        h('h3', null, 'Next fire times'),
        next
          ? h(
              'ol',
              { 'data-testid': 'next-fire-times' },
              next.nextRuns.map((t) => h('li', null, time(t))),
            )
          : h('p', { class: 'muted' }, job.enabled ? 'None.' : 'Paused: nothing fires until it is resumed.'),
      ),
      h(
        'section',
        { class: 'card wide' },
        h('h2', null, 'Definition'),
        h('pre', { 'data-testid': 'definition' }, json(bodyOf(job))),
        job.state ? [h('h3', null, 'State'), h('pre', { 'data-testid': 'state' }, json(job.state))] : null,
      ),
    ),
    h('h2', null, 'Runs'),
    table(
      'runs',
      ['scheduled for', 'trigger', 'status', 'attempt', 'started', 'duration', 'instance', 'error'],
      runs.items.map((r) => [
        time(r.scheduledFor),
        r.trigger,
        badge(r.status),
        String(r.attempt),
        time(r.startedAt),
        duration(ms(r.startedAt, r.finishedAt)),
        h('code', null, r.instanceId ?? '—'),
        h('span', { class: 'error-text' }, r.error ?? ''),
      ]),
      'No runs yet.',
    ),
    events
      ? [
          h('h2', null, 'Alert events'),
          table(
            'events',
            ['bar', 'event', 'from → to', 'values', 'recorded'],
            events.items.map((e) => [
              time(e.barTime),
              badge(e.type),
              `${e.from ?? '—'} → ${e.to ?? '—'}`,
              h('code', null, formatValues(e.values)),
              time(e.at),
            ]),
            'No events yet: the alert has not triggered.',
          ),
        ]
      : null,
  );
}

export function formatValues(values: Record<string, number | null>): string {
  return Object.entries(values ?? {})
    .map(([k, v]) => `${k}=${v === null ? 'null' : Number(v.toPrecision(8))}`)
    .join('  ');
}
