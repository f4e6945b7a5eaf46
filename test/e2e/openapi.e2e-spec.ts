import { startTestApp, type TestApp } from '../support/test-app.js';

type Operation = {
  summary?: string;
  security?: unknown[];
  requestBody?: { required?: boolean; content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
};

/** Every route Express has, as `METHOD /path/{param}` (what the app really serves). */
function registeredRoutes(t: TestApp): string[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: any[] } }).router;
  const routes = new Set<string>();
  for (const layer of router.stack) {
    if (!layer.route) continue;
    const path = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
    if (path.startsWith('/docs') || path.includes('*')) continue; // the documentation itself, catch-alls
    for (const method of Object.keys(layer.route.methods)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return [...routes].sort();
}

describe('OpenAPI at /docs: every route documented, every request example valid', () => {
  let t: TestApp;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, any> };
  };

  beforeAll(async () => {
    // A closed port: market-data routes fail fast after validation (503), never reach a network.
    t = await startTestApp({
      env: {
        BINANCE_BASE_URL: 'http://127.0.0.1:9',
        YAHOO_BASE_URL: 'http://127.0.0.1:9',
        PROVIDER_PRIORITY: 'binance',
      },
    });
    const res = await t.anon().get('/docs/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves OpenAPI 3.1 and the UI publicly, with the UI assets from this server (no CDN)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const ui = await t.anon().get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const srcs = [...ui.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const asset = await t.anon().get(new URL(src, 'http://x/docs/').pathname);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
    }
  });

  it('documents every registered route, with a summary, an answer example and its error answers', () => {
    const routes = registeredRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(27);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const op = doc.paths[path][method.toLowerCase()];
      expect({ route, summary: typeof op.summary }).toEqual({ route, summary: 'string' });
      const ok = Object.keys(op.responses).find((s) => s.startsWith('2'))!;
      if (ok !== '204')
        expect({ route, example: Object.values(op.responses[ok].content ?? {})[0]?.example !== undefined }).toEqual({
          route,
          example: true,
        });
      for (const [status, r] of Object.entries(op.responses).filter(([s]) => s >= '400' && !path.startsWith('/health')))
        expect({
          route,
          status,
          message: Array.isArray((Object.values(r.content!)[0].example as any).message),
        }).toEqual({ route, status, message: true });
      const isPublic = /^(GET \/health|GET \/metrics)/.test(route);
      expect({ route, security: op.security }).toEqual({ route, security: isPublic ? [] : [{ adminToken: [] }] });
      if (
        ['POST', 'PUT', 'PATCH'].includes(method) &&
        !/\/(pause|resume|reload|trigger|retry|start|stop|restart)$/.test(path)
      )
        expect({
          route,
          examples: Object.keys(op.requestBody?.content['application/json'].examples ?? {}).length > 0,
        }).toEqual({ route, examples: true });
    }
  });

  it('generates schemas from the DTOs and the alert JSON Schema, with every $ref resolvable', () => {
    const schemas = doc.components.schemas;
    expect(schemas.RetryDto.properties.maxAttempts).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(schemas.ComputeIndicatorsDto.properties.indicators.items.$ref).toBe(
      '#/components/schemas/IndicatorRequestDto',
    );
    expect(schemas.AlertConfig.required).toEqual(['symbol', 'timeframe', 'rule']);
    // CONTRACT §8: the alert's flood guard and digest, the pause note, a job's counters and fire times.
    expect(schemas.AlertConfig.properties.floodGuard.default).toEqual({ maxTriggers: 15, perSeconds: 180 });
    expect(schemas.AlertConfig.properties.notify.properties.digestSeconds).toMatchObject({
      type: 'integer',
      minimum: 10,
      maximum: 86400,
    });
    expect(schemas.PauseJobDto.properties.note).toMatchObject({ type: 'string', maxLength: 500 });
    const pause = doc.paths['/jobs/{id}/pause'].post;
    expect(pause.requestBody).toMatchObject({ required: false });
    expect((pause.responses['200'].content!['application/json'].example as any).pause).toMatchObject({
      reason: 'manual',
      note: expect.any(String),
    });
    const detail = doc.paths['/jobs/{id}'].get.responses['200'].content!['application/json'].example as any;
    expect(Object.keys(detail.counters)).toEqual([
      'fired',
      'succeeded',
      'failed',
      'timedOut',
      'missed',
      'skipped',
      'notified',
      'delivered',
    ]);
    expect(detail.lastFires).toHaveLength(5);
    expect(detail.nextFires).toHaveLength(5);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !schemas[r])).toEqual([]);
  });

  it('every request example passes the live validation', async () => {
    const base = doc.paths['/jobs'].post.requestBody!.content['application/json'].examples!.alert.value as object;
    let jobId: string | null = null;
    const aJob = async () =>
      (jobId ??= (
        await t
          .api()
          .post('/jobs')
          .send({ ...base, name: 'openapi-pause-target' })
          .expect(201)
      ).body.id);
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [name, { value }] of Object.entries(op.requestBody?.content['application/json'].examples ?? {})) {
          const label = `${method.toUpperCase()} ${path} example ${name}`;
          let bodies: object[];
          if (path === '/jobs/bulk') bodies = (value as { jobs: object[] }).jobs;
          else if (method === 'patch') bodies = [{ ...base, ...(value as object) }];
          else bodies = [value as object];
          for (const body of bodies) {
            const viaValidate = path.startsWith('/jobs') && !path.endsWith('/pause');
            const target = path.endsWith('/pause') ? path.replace('{id}', await aJob()) : path;
            const res = viaValidate
              ? await t.api().post('/jobs/validate').send(body)
              : await t
                  .api()
                  [method as 'post'](target)
                  .send(body as object);
            // Market-data routes validate first, then reach the (closed) provider: anything but a 400 passed.
            const passed = viaValidate ? res.status === 200 : res.status !== 400;
            expect({ label, passed, message: passed ? undefined : res.body.message }).toEqual({
              label,
              passed: true,
              message: undefined,
            });
          }
          checked.push(label);
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });
});
