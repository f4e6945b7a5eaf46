/** Hash routes (`#/jobs/<id>?tab=…`): the service serves one static page, the rest happens here. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function currentRoute(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function go(path: string, params?: Record<string, string | undefined>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  location.hash = `#${path}${s ? `?${s}` : ''}`;
}

export const link = {
  overview: () => '#/',
  jobs: () => '#/jobs',
  job: (id: string) => `#/jobs/${id}`,
  chart: (id: string) => `#/jobs/${id}/chart`,
  edit: (id: string) => `#/jobs/${id}/edit`,
  create: () => '#/new',
  outbox: (status?: string) => `#/outbox${status ? `?status=${status}` : ''}`,
};
