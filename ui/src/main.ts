import './style.css';
import { session, whenUnauthorized } from './api.js';
import { errorBox, h, replace } from './dom.js';
import { chartPage } from './pages/chart.js';
import { editorPage } from './pages/editor.js';
import { jobPage } from './pages/job.js';
import { jobsPage } from './pages/jobs.js';
import { loginPage } from './pages/login.js';
import { outboxPage } from './pages/outbox.js';
import { overviewPage } from './pages/overview.js';
import { currentRoute, link, type Route } from './router.js';

type Page = (route: Route, rerender: () => void) => Promise<Node>;

/** Which page a route shows. */
function pageFor(route: Route): { page: Page; nav: string } {
  const [first, id, sub] = route.path;
  if (first === 'jobs' && id && sub === 'chart') return { page: chartPage, nav: 'jobs' };
  if (first === 'jobs' && id && sub === 'edit') return { page: editorPage, nav: 'new' };
  if (first === 'jobs' && id) return { page: jobPage, nav: 'jobs' };
  if (first === 'jobs') return { page: jobsPage, nav: 'jobs' };
  if (first === 'outbox') return { page: outboxPage, nav: 'outbox' };
  if (first === 'new') return { page: editorPage, nav: 'new' };
  return { page: overviewPage, nav: 'overview' };
}

function nav(active: string): Node[] {
  const item = (key: string, href: string, text: string) =>
    h('a', { href, class: key === active ? 'active' : undefined, 'data-testid': `nav-${key}` }, text);
  return [
    item('overview', link.overview(), 'Overview'),
    item('jobs', link.jobs(), 'Jobs'),
    item('outbox', link.outbox(), 'Outbox'),
    item('new', link.create(), 'New alert'),
    h(
      'button',
      {
        class: 'link',
        'data-testid': 'logout',
        onclick: () => {
          session.forget();
          void render();
        },
      },
      'Log out',
    ),
  ];
}

let renderId = 0;

/** Renders the page of the current route; a newer navigation wins over a slower older one. */
async function render(): Promise<void> {
  const id = ++renderId;
  const app = document.getElementById('app') as HTMLElement;
  const navEl = document.getElementById('nav') as HTMLElement;
  if (!session.token()) {
    replace(navEl);
    replace(
      app,
      loginPage(() => void render()),
    );
    return;
  }
  const route = currentRoute();
  const { page, nav: active } = pageFor(route);
  replace(navEl, ...nav(active));
  app.setAttribute('aria-busy', 'true');
  let node: Node;
  try {
    node = await page(route, () => void render());
  } catch (e) {
    node = errorBox(e, 'page-error');
  }
  if (id !== renderId) return;
  if (!session.token()) return void render();
  app.removeAttribute('aria-busy');
  replace(app, node);
}

whenUnauthorized(() => void render());
window.addEventListener('hashchange', () => void render());
void render();
