import { api, query } from '../api.js';
import { badge, errorBox, h, replace, table, time } from '../dom.js';
import { go, link, type Route } from '../router.js';
import type { NotificationView, OutboxStats, Page } from '../types.js';

const STATUSES = ['pending', 'sent', 'dead'] as const;

/** The outbox: notifications by status with their attempts and last error; a dead one can be retried. */
export async function outboxPage(route: Route, rerender: () => void): Promise<Node> {
  const status = route.query.get('status') ?? '';
  const cursor = route.query.get('cursor') ?? '';
  const [stats, page] = await Promise.all([
    api<OutboxStats>('GET', '/notifications/stats'),
    api<Page<NotificationView>>('GET', `/notifications${query({ status, cursor, limit: 50 })}`),
  ]);
  const problems = h('div');
  const retry = (n: NotificationView) => async () => {
    try {
      await api('POST', `/notifications/${n.id}/retry`);
      rerender();
    } catch (e) {
      replace(problems, errorBox(e, 'action-error'));
    }
  };
  const tab = (s: string, label: string, count: number) =>
    h(
      'a',
      {
        href: link.outbox(s || undefined),
        class: s === status ? 'tab active' : 'tab',
        'data-testid': `tab-${s || 'all'}`,
      },
      `${label} `,
      h('span', { class: 'count', 'data-testid': `count-${s || 'all'}` }, String(count)),
    );
  return h(
    'div',
    null,
    h('h1', null, 'Outbox'),
    h(
      'nav',
      { class: 'tabs' },
      tab('', 'all', stats.total),
      STATUSES.map((s) => tab(s, s, stats.byStatus[s] ?? 0)),
    ),
    problems,
    table(
      'notifications',
      ['created', 'job', 'type', 'status', 'attempts', 'last answer', 'last error', 'next attempt', ''],
      page.items.map((n) => [
        time(n.createdAt),
        n.jobId
          ? h('a', { href: link.job(n.jobId) }, String(('jobName' in n.payload && n.payload.jobName) || n.jobId))
          : n.payload.type === 'alert.digest'
            ? `digest of ${n.payload.count}`
            : '—',
        String(n.payload.type ?? ''),
        badge(n.status),
        h('span', { 'data-testid': 'attempts' }, String(n.attempts)),
        n.lastStatusCode === null ? '—' : String(n.lastStatusCode),
        h('span', { class: 'error-text', 'data-testid': 'last-error' }, n.lastError ?? ''),
        time(n.nextAttemptAt),
        n.status === 'dead' ? h('button', { 'data-testid': 'retry', onclick: retry(n) }, 'Retry') : null,
      ]),
      status ? `No ${status} notifications.` : 'The outbox is empty.',
      (i) => ({ 'data-id': page.items[i].id, 'data-status': page.items[i].status }),
    ),
    page.nextCursor
      ? h(
          'p',
          { class: 'pager' },
          h('button', { onclick: () => go('/outbox', { status, cursor: page.nextCursor ?? undefined }) }, 'Older →'),
        )
      : null,
  );
}
