import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A valid alert job: the base every mutation starts from. */
const alertJob = (name: string) => ({
  name,
  type: 'alert',
  schedule: { bar: '15m' },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '15m',
    rule: { crossesBelow: [{ indicator: 'rsi', params: { period: 14 } }, { value: 30 }] },
    notify: { channels: ['telegram'], recipient: 'chat-42', message: '{{symbol}} RSI {{values.rsi_14}}' },
  },
  retry: { maxAttempts: 3, backoffSeconds: 5 },
});

const nestedRule = (levels: number): unknown => {
  let rule: unknown = { gt: [{ field: 'close' }, { value: 1 }] };
  for (let i = 0; i < levels; i++) rule = { not: rule };
  return rule;
};

describe('hostile and malformed input (CONTRACT §8): a 4xx naming the problem, never a 5xx, nothing stored', () => {
  let t: TestApp;
  const countJobs = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM jobs'))[0].n);
  const postRaw = (path: string, text: string) => t.api().post(path).set('Content-Type', 'application/json').send(text);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses prototype keys anywhere (400), and stores nothing', async () => {
    const before = await countJobs();
    for (const [text, path] of [
      ['{"__proto__": {"admin": true}, ' + JSON.stringify(alertJob('p1')).slice(1), '__proto__'],
      [
        JSON.stringify(alertJob('p2')).replace('"rule":', '"constructor": {"prototype": {"x": 1}}, "rule":'),
        'alert.constructor',
      ],
      [JSON.stringify(alertJob('p3')).replace('"params":', '"params": {"prototype": 1}, "x":'), 'params.prototype'],
    ] as const) {
      const res = await postRaw('/jobs', text);
      expect(res.status).toBe(400);
      expect(res.body.message.join('\n')).toContain(path);
    }
    expect(await countJobs()).toBe(before);
  });

  it('refuses a NUL character in any string (400 naming the field), where it used to be a database 500', async () => {
    const res = await t
      .api()
      .post('/jobs')
      .send({ ...alertJob('nul\u0000name') });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['name must not contain a NUL character (\\u0000)']);
    const deep = alertJob('nul-deep');
    deep.alert.notify.recipient = 'chat\u000042';
    const res2 = await t.api().post('/jobs/validate').send(deep);
    expect(res2.status).toBe(400);
    expect(res2.body.message).toEqual(['alert.notify.recipient must not contain a NUL character (\\u0000)']);
  });

  it('refuses JSON nested deeper than 64 levels before parsing it (30,000 levels: 400, not a stack overflow)', async () => {
    for (const path of ['/jobs', '/jobs/bulk', '/alerts/preview', '/indicators/compute']) {
      const res = await postRaw(path, '['.repeat(30_000) + ']'.repeat(30_000));
      expect({ path, status: res.status, message: res.body.message }).toEqual({
        path,
        status: 400,
        message: ['request body is nested deeper than 64 levels'],
      });
    }
  });

  it('answers a rule nested 1,000 levels with a 400 (depth), and one nested 40 levels with the rule-depth limit', async () => {
    const deep = { ...alertJob('deep-rule'), alert: { ...alertJob('x').alert, rule: nestedRule(1000) } };
    const res = await t.api().post('/jobs').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['request body is nested deeper than 64 levels']);
    const r40 = await t
      .api()
      .post('/jobs')
      .send({ ...deep, alert: { ...deep.alert, rule: nestedRule(40) } });
    expect(r40.status).toBe(400);
    expect(r40.body.message.join('\n')).toMatch(/rule depth must be at most 32/);
  });

  it('applies defaults before validation: {"retry": {"maxAttempts": 2}} alone is valid', async () => {
    const body = { ...alertJob('defaults'), retry: { maxAttempts: 2 }, misfire: { policy: 'skip' } };
    const v = await t.api().post('/jobs/validate').send(body);
    expect(v.status).toBe(200);
    const res = await t.api().post('/jobs').send(body);
    expect(res.status).toBe(201);
    expect(res.body.retry).toEqual({ maxAttempts: 2, backoffSeconds: 5 });
    expect(res.body.misfire).toEqual({ graceSeconds: 300, policy: 'skip' });
    const nul = await t
      .api()
      .post('/jobs/validate')
      .send({ ...body, retry: { maxAttempts: 2, backoffSeconds: null } });
    expect(nul.status).toBe(400);
    expect(nul.body.message.join('\n')).toMatch(/retry\.backoffSeconds/);
  });

  it('refuses a bar schedule that does not fit the alert timeframe and trigger, saying why', async () => {
    const body = {
      ...alertJob('misfit'),
      schedule: { bar: '15m' },
      alert: { ...alertJob('x').alert, timeframe: '1h' },
    };
    const res = await t.api().post('/jobs/validate').send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([
      'schedule.bar 15m does not fit alert.timeframe 1h with trigger oncePerBarClose: it would evaluate each ' +
        'closed 1h bar 4 times; use {"bar": "1h"}, or trigger "oncePerBar" to also watch the forming bar',
    ]);
    const watch = { ...body, alert: { ...body.alert, trigger: 'oncePerBar' } };
    expect((await t.api().post('/jobs/validate').send(watch)).status).toBe(200);
  });

  it('parses templates at validation: a broken {{symbol} is a 400 naming alert.notify.message', async () => {
    const body = alertJob('broken-template');
    body.alert.notify.message = 'price of {{symbol} is {{bar.close}}';
    const res = await t.api().post('/jobs').send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toHaveLength(1);
    expect(res.body.message).toEqual([
      'alert.notify.message is not a valid template: "{{symbol} is {{bar.close}}" at 9 is not a variable name ' +
        '(write {{name}} or {{bar.close}})',
    ]);
    body.alert.notify.message = 'RSI {{#values}} unclosed';
    const unclosed = await t.api().post('/jobs').send(body);
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.message[0]).toMatch(/^alert\.notify\.message is not a valid template: Unclosed section/);
  });

  it('tells a user who posts a bare alert to /alerts/preview which shape is wanted', async () => {
    const res = await t.api().post('/alerts/preview').send(alertJob('x').alert);
    expect(res.status).toBe(400);
    expect(res.body.message).toHaveLength(1);
    expect(res.body.message[0]).toMatch(/^alert is required: put the alert config under "alert"/);
    expect(res.body.message[0]).toContain('{"alert": {<alert config');
    const extra = await t
      .api()
      .post('/alerts/preview')
      .send({ alert: alertJob('x').alert, limit: 5 });
    expect(extra.status).toBe(400);
    expect(extra.body.message[0]).toMatch(/^limit is not allowed; the body is \{"alert"/);
  });

  it('property: random and mutated job bodies never yield a 5xx, and a refused one stores nothing', async () => {
    const leaf = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.constantFrom('\u0000', '{{symbol}', '1h', '15m', '__proto__', '-1', ''),
    );
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const key = fc.constantFrom(
      'name',
      'type',
      'schedule',
      'alert',
      'retry',
      'misfire',
      'overlap',
      'timeoutSeconds',
      '__proto__',
      'constructor',
      'prototype',
      'bar',
      'rule',
      'notify',
      'maxAttempts',
    );
    /** Replaces (or adds) a value at a random path of the valid job, or corrupts its text. */
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        path: fc.array(key, { minLength: 1, maxLength: 4 }),
        value: fc.oneof(leaf, anyJson),
      }),
      fc.record({ kind: fc.constant('delete' as const), path: fc.array(key, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('text' as const), at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.string() }),
      fc.record({ kind: fc.constant('random' as const), value: anyJson }),
    );
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('/jobs', '/jobs/validate'),
        async (mutations, route) => {
          const body: Record<string, unknown> = alertJob(`prop-${seq++}`);
          let text: string | null = null;
          for (const m of mutations) {
            if (m.kind === 'random') text = JSON.stringify(m.value);
            else if (m.kind === 'text') {
              const s: string = text ?? JSON.stringify(body);
              const at = m.at % (s.length + 1);
              text = s.slice(0, at) + m.insert + s.slice(at + m.cut);
            } else {
              let node = body as Record<string, unknown>;
              for (const k of m.path.slice(0, -1)) {
                if (!Object.hasOwn(node, k) || typeof node[k] !== 'object' || node[k] === null)
                  Object.defineProperty(node, k, { value: {}, enumerable: true, writable: true, configurable: true });
                node = node[k] as Record<string, unknown>;
              }
              const last = m.path.at(-1)!;
              if (m.kind === 'delete') delete node[last];
              else
                Object.defineProperty(node, last, {
                  value: m.value,
                  enumerable: true,
                  writable: true,
                  configurable: true,
                });
            }
          }
          const before = await countJobs();
          const res = await postRaw(route, text ?? JSON.stringify(body));
          expect(res.status).toBeLessThan(500);
          const after = await countJobs();
          if (res.status >= 400) {
            expect(Array.isArray(res.body.message)).toBe(true);
            expect(after).toBe(before);
          } else if (route === '/jobs') expect(after).toBe(before + 1);
          else expect(after).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });
});
