import { jobActions, scheduleText, stateOf } from '../actions.js';
import { api, query } from '../api.js';
import { badge, errorBox, h, replace, table, time } from '../dom.js';
import { go, link, type Route } from '../router.js';
import type { JobView, Page } from '../types.js';

const TYPES = ['alert', 'dataSync', 'cleanup'];
const STATES = ['armed', 'triggered', 'expired', 'done'];

/** Every job, filtered by type, enabled, state and part of the name, a page at a time (cursor paging). */
export async function jobsPage(route: Route, rerender: () => void): Promise<Node> {
  const q = route.query;
  const filters = {
    type: q.get('type') ?? '',
    enabled: q.get('enabled') ?? '',
    state: q.get('state') ?? '',
    name: q.get('name') ?? '',
  };
  const cursor = q.get('cursor') ?? '';
  // Cursors of the pages before this one ('.' for the first), so "Previous" can go back: the API pages forward only.
  const back = q.get('back') ? (q.get('back') as string).split('~') : [];
  const page = await api<Page<JobView>>('GET', `/jobs${query({ ...filters, cursor, limit: 25 })}`);

  const select = (name: keyof typeof filters, options: string[], all: string) =>
    h(
      'select',
      { name, 'data-testid': `filter-${name}` },
      h('option', { value: '' }, all),
      options.map((o) => h('option', { value: o, selected: filters[name] === o }, o)),
    );
  const form = h(
    'form',
    {
      class: 'filters',
      'data-testid': 'job-filters',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        const data = new FormData(ev.target as HTMLFormElement);
        go('/jobs', Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v).trim()])));
      },
      onchange: (ev: Event) => {
        if ((ev.target as HTMLElement).tagName === 'SELECT') (ev.currentTarget as HTMLFormElement).requestSubmit();
      },
    },
    select('type', TYPES, 'any type'),
    h(
      'select',
      { name: 'enabled', 'data-testid': 'filter-enabled' },
      h('option', { value: '' }, 'enabled or paused'),
      h('option', { value: 'true', selected: filters.enabled === 'true' }, 'enabled'),
      h('option', { value: 'false', selected: filters.enabled === 'false' }, 'paused'),
    ),
    select('state', STATES, 'any state'),
    h('input', {
      name: 'name',
      type: 'search',
      placeholder: 'name contains…',
      value: filters.name,
      maxlength: 200,
      'data-testid': 'filter-name',
    }),
    h('button', { type: 'submit' }, 'Filter'),
  );
  const problems = h('div');
  const after = () => rerender();
  const rows = page.items.map((job) => [
    h('a', { href: link.job(job.id), 'data-testid': 'job-link' }, job.name),
    job.type,
    job.enabled ? badge('enabled') : badge('paused'),
    badge(stateOf(job)),
    scheduleText(job.schedule),
    time(job.nextRunAt),
    h(
      'span',
      null,
      job.type === 'alert' ? h('a', { href: link.chart(job.id), class: 'button' }, 'Chart') : null,
      jobActions(job, after, (e) => replace(problems, errorBox(e, 'action-error'))),
    ),
  ]);
  const list = table(
    'jobs',
    ['name', 'type', 'enabled', 'state', 'schedule', 'next run', ''],
    rows,
    'No job matches.',
    (i) => ({ 'data-job-id': page.items[i].id, 'data-job-name': page.items[i].name }),
  );
  const pager = h(
    'div',
    { class: 'pager' },
    h(
      'button',
      {
        'data-testid': 'prev-page',
        disabled: back.length === 0,
        onclick: () => {
          const previous = back.at(-1);
          go('/jobs', {
            ...filters,
            cursor: previous === '.' ? undefined : previous,
            back: back.slice(0, -1).join('~'),
          });
        },
      },
      '← Previous',
    ),
    h(
      'button',
      {
        'data-testid': 'next-page',
        disabled: !page.nextCursor,
        onclick: () =>
          go('/jobs', {
            ...filters,
            cursor: page.nextCursor ?? undefined,
            back: [...back, cursor || '.'].join('~'),
          }),
      },
      'Next →',
    ),
  );
  return h(
    'div',
    null,
    h('h1', null, 'Jobs ', h('a', { href: link.create(), class: 'button' }, 'New alert')),
    form,
    problems,
    list,
    pager,
  );
}
