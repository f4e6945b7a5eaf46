import { api } from '../api.js';
import { badge, h, table, time } from '../dom.js';
import { link, type Route } from '../router.js';
import type {
  HealthReport,
  InstancesAnswer,
  JobStats,
  OutboxStats,
  Page,
  RecentRun,
  SchedulerStatus,
} from '../types.js';

/** Health answers 503 when unhealthy, with the same report: read it either way. */
async function health(): Promise<HealthReport> {
  const res = await fetch('/health', { headers: { Accept: 'application/json' } });
  return (await res.json()) as HealthReport;
}

/** The operator's first look: is it firing, is it healthy, what runs next, what failed, what waits. */
export async function overviewPage(_route: Route, rerender: () => void): Promise<Node> {
  const [status, report, stats, failures, outbox, instances] = await Promise.all([
    api<SchedulerStatus>('GET', '/scheduler/status'),
    health(),
    api<JobStats>('GET', '/jobs/stats'),
    api<Page<RecentRun>>('GET', '/runs?status=failed,timedOut&limit=10'),
    api<OutboxStats>('GET', '/notifications/stats'),
    api<InstancesAnswer>('GET', '/runs/instances'),
  ]);
  const toggle = async () => {
    await api('POST', status.paused ? '/scheduler/resume' : '/scheduler/pause');
    rerender();
  };
  return h(
    'div',
    { class: 'overview' },
    h('h1', null, 'Overview'),
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card', 'data-testid': 'scheduler' },
        h('h2', null, 'Scheduler'),
        h(
          'dl',
          null,
          h('dt', null, 'State'),
          h(
            'dd',
            { 'data-testid': 'scheduler-state' },
            status.paused ? badge('paused') : status.running ? badge('running') : badge('stopped'),
          ),
          h('dt', null, 'Mode'),
          h('dd', { 'data-testid': 'scheduler-mode' }, status.mode),
          h('dt', null, 'This instance'),
          h('dd', null, h('code', null, status.instanceId)),
          h('dt', null, `Instances (runs in ${instances.withinMinutes} min)`),
          h('dd', { 'data-testid': 'instances' }, String(instances.items.length)),
          h('dt', null, 'Lag'),
          h('dd', { 'data-testid': 'lag' }, `${status.lagSeconds} s`),
          h('dt', null, 'Jobs'),
          h(
            'dd',
            null,
            `${status.jobs.total} total, ${status.jobs.enabled} enabled, ${status.jobs.scheduled} scheduled here`,
          ),
        ),
        h(
          'button',
          { 'data-testid': 'scheduler-toggle', onclick: toggle },
          status.paused ? 'Resume scheduler' : 'Pause scheduler',
        ),
      ),
      h(
        'section',
        { class: 'card', 'data-testid': 'health' },
        h('h2', null, 'Health'),
        h('p', null, badge(report.status)),
        report.issues.length
          ? h(
              'ul',
              { 'data-testid': 'health-issues' },
              report.issues.map((i) => h('li', null, i)),
            )
          : h('p', { class: 'muted' }, 'No issues.'),
      ),
      h(
        'section',
        { class: 'card', 'data-testid': 'outbox-depth' },
        h('h2', null, 'Outbox'),
        h(
          'dl',
          null,
          (['pending', 'sent', 'dead'] as const).flatMap((s) => [
            h('dt', null, h('a', { href: link.outbox(s) }, s)),
            h('dd', { 'data-testid': `outbox-${s}` }, String(outbox.byStatus[s] ?? 0)),
          ]),
        ),
      ),
    ),
    h('h2', null, 'Jobs by type and state'),
    table(
      'job-counts',
      ['type', 'total', 'enabled', 'disabled', 'states'],
      Object.entries(stats.byType).map(([type, c]) => [
        h('a', { href: `${link.jobs()}?type=${type}` }, type),
        String(c.total),
        String(c.enabled),
        String(c.disabled),
        Object.entries(c.states)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ') || '—',
      ]),
      'No jobs yet.',
    ),
    h('h2', null, 'Next runs'),
    table(
      'next-runs',
      ['at', 'job'],
      [...status.nextRuns]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((r) => [time(r.at), h('a', { href: link.job(r.jobId) }, r.name)]),
      status.paused ? 'Paused: nothing will run.' : 'Nothing scheduled on this instance.',
    ),
    h('h2', null, 'Recent failures'),
    table(
      'failures',
      ['scheduled for', 'job', 'status', 'attempt', 'error'],
      failures.items.map((r) => [
        time(r.scheduledFor),
        h('a', { href: link.job(r.jobId) }, r.jobName),
        badge(r.status),
        String(r.attempt),
        h('span', { class: 'error-text' }, r.error ?? ''),
      ]),
      'No failed runs.',
    ),
  );
}
