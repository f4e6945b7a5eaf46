import { ManualClock } from '../../src/base/time/clock.js';
import type { Bar } from '../../src/base/domain/bar.js';
import { ModuleRef } from '@nestjs/core';
import { AlertEngine } from '../../src/alerts/alert-engine.service.js';
import { AlertsModule } from '../../src/alerts/alerts.module.js';
import { JobsRepository } from '../../src/jobs/jobs.repository.js';
import { FakeBinanceServer } from '../fakes/vendors/binance.fake.js';
import { btcusdt1m } from '../fakes/vendors/series.js';
import { IndicatorService } from '../../src/indicators/indicator.service.js';
import { crossesAbove, expectedFires, smaRef } from '../support/reference-indicators.js';
import { startSchedulerHarness, type SchedulerHarness } from '../support/scheduler-harness.js';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');

/** 600 real BTCUSDT minutes, ending just before T0. */
function history(): Bar[] {
  return btcusdt1m()
    .slice(0, 600)
    .map((b, i) => {
      const openTime = T0 - 600 * 60_000 + i * 60_000;
      return { ...b, openTime, closeTime: openTime + 59_999 };
    });
}

const rule = { crossesAbove: [{ field: 'close' }, { indicator: 'sma', params: { period: 20 } }] };

describe('alerts API: preview, validation with field paths, once → done, stale data', () => {
  let h: SchedulerHarness;
  let binance: FakeBinanceServer;
  beforeAll(async () => {
    const clock = new ManualClock(T0 + 5_000);
    binance = new FakeBinanceServer({ clock });
    binance.setBars('BTCUSDT', '1m', history());
    await binance.start();
    h = await startSchedulerHarness({
      clock,
      env: { BINANCE_BASE_URL: binance.baseUrl, YAHOO_BASE_URL: binance.baseUrl, PROVIDER_PRIORITY: 'binance' },
    });
  });
  afterAll(async () => {
    await h.close();
    await binance.stop();
  });

  it('previews exactly the bars where the rule would have fired over the last N closed bars', async () => {
    const res = await h
      .api()
      .post('/alerts/preview')
      .send({ alert: { symbol: 'BTCUSDT', provider: 'binance', timeframe: '1m', rule }, bars: 300 })
      .expect(200);
    const bars = history().slice(-300);
    const close = bars.map((b) => b.close);
    const sma = smaRef(close, 20);
    const expected = expectedFires(
      (i) => crossesAbove(close, sma, i),
      bars.map((_, i) => i),
    ).map((i) => new Date(bars[i].openTime).toISOString());
    expect(res.body).toMatchObject({ provider: 'binance', symbol: 'BTCUSDT', timeframe: '1m', bars: 300 });
    expect(expected.length).toBeGreaterThan(3);
    expect(res.body.fires.map((f: { barTime: string }) => f.barTime)).toEqual(expected);
    const first = res.body.fires[0];
    expect(first.values.close).toBe(first.bar.close);
    expect(first.values.sma_20).toBeCloseTo(
      sma[bars.findIndex((b) => new Date(b.openTime).toISOString() === first.barTime)] as number,
      9,
    );
  });

  it('rejects bad alerts with 400 naming the field path, and stores nothing', async () => {
    const bad = {
      name: 'bad-alert',
      type: 'alert',
      schedule: { bar: '1m' },
      alert: {
        symbol: 'BTCUSDT',
        timeframe: '7m',
        trigger: 'sometimes',
        lookbackBars: 0,
        rule: {
          and: [
            { gt: [{ field: 'close' }, { value: 1 }] },
            { crossesBelow: [{ indicator: 'rsi', params: { period: 0 } }, { value: 30 }] },
          ],
        },
      },
    };
    const res = await h.api().post('/jobs').send(bad).expect(400);
    const text = res.body.message.join('\n');
    expect(text).toMatch(/alert\.rule\.and\[1\]\.crossesBelow\[0\]\.params\.period must be an integer 1…1000/);
    expect(text).toMatch(/alert\.timeframe/);
    expect(text).toMatch(/alert\.trigger/);
    expect(text).toMatch(/alert\.lookbackBars/);
    const missing = await h
      .api()
      .post('/jobs')
      .send({ name: 'no-alert', type: 'alert', schedule: { bar: '1m' } })
      .expect(400);
    expect(missing.body.message).toContain('alert is required for a job of type alert');
    const preview = await h
      .api()
      .post('/alerts/preview')
      .send({ alert: { symbol: 'BTCUSDT', timeframe: '1m', rule: { gt: [{ field: 'close' }] } }, bars: 0 })
      .expect(400);
    expect(preview.body.message.join('\n')).toMatch(/alert\.rule\.gt/);
    expect(preview.body.message).toContain('bars must be an integer 1…5000');
    expect((await h.api().get('/jobs?type=alert')).body.items).toEqual([]);
  });

  it('a `once` alert fires once, records its events and is then done (disabled)', async () => {
    const body = {
      name: 'once-above-zero',
      type: 'alert',
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'binance',
        timeframe: '1m',
        trigger: 'once',
        rule: { gt: [{ field: 'close' }, { value: 0 }] },
      },
    };
    const { body: job } = await h.api().post('/jobs').send(body).expect(201);
    binance.setBars('BTCUSDT', '1m', [
      ...history(),
      ...btcusdt1m()
        .slice(600, 603)
        .map((b, i) => ({ ...b, openTime: T0 + i * 60_000, closeTime: T0 + i * 60_000 + 59_999 })),
    ]);
    await h.advance(60_000); // 14:01:07: the bar 14:00 closed and is the first after creation
    const runs = (await h.api().get(`/jobs/${job.id}/runs`)).body.items;
    expect(runs[0]).toMatchObject({ scheduledFor: '2026-03-02T14:01:02.000Z', status: 'succeeded' });
    expect(runs[0].result).toMatchObject({
      outcome: 'evaluated',
      evaluated: ['2026-03-02T14:00:00.000Z'],
      triggered: ['2026-03-02T14:00:00.000Z'],
      state: 'done',
    });
    const events = (await h.api().get(`/jobs/${job.id}/events`)).body.items;
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['done', 'triggered']);
    expect(events[0].barTime).toBe('2026-03-02T14:00:00.000Z');
    const after = (await h.api().get(`/jobs/${job.id}`)).body;
    expect(after).toMatchObject({
      enabled: false,
      status: 'done',
      nextRunAt: null,
      state: { status: 'done', triggerCount: 1 },
    });
    await h.advance(60_000);
    expect((await h.api().get(`/jobs/${job.id}/runs`)).body.items).toHaveLength(1);
  });

  it('runs the alerts due at one bar close as one batch: one bar load, each indicator once, every run recorded', async () => {
    const jobs = Array.from({ length: 60 }, (_, i) => ({
      name: `batch-${i}`,
      type: 'alert',
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'binance',
        timeframe: '1m',
        rule: { gt: [{ field: 'close' }, { indicator: 'sma', params: { period: 10 + (i % 3) } }] },
      },
    }));
    const { body } = await h.api().post('/jobs/bulk').send({ jobs }).expect(201);
    const indicators = h.get(IndicatorService);
    const computedBefore = indicators.computations;
    const requestsBefore = binance.requestCount('/api/v3/klines');
    await h.advance(60_000);
    const runs = await Promise.all(
      body.ids.map(async (id: string) => (await h.api().get(`/jobs/${id}/runs`)).body.items),
    );
    expect(
      runs.every(
        (r: Array<{ status: string; result: { outcome: string } }>) =>
          r.length === 1 && r[0].status === 'succeeded' && r[0].result.outcome === 'evaluated',
      ),
    ).toBe(true);
    expect(binance.requestCount('/api/v3/klines') - requestsBefore).toBeLessThanOrEqual(1);
    expect(indicators.computations - computedBefore).toBe(3); // sma 10, 11, 12 over one window, for 60 alerts
  });

  it('skips a stale series (latest bar older than two timeframes) and reports /health degraded', async () => {
    const body = {
      name: 'stale-watch',
      type: 'alert',
      schedule: { bar: '1m', delaySeconds: 2 },
      retry: { maxAttempts: 1, backoffSeconds: 0 },
      alert: {
        symbol: 'ETHUSDT',
        provider: 'binance',
        timeframe: '1m',
        rule: { gt: [{ field: 'close' }, { value: 0 }] },
      },
    };
    binance.setBars('ETHUSDT', '1m', history().slice(0, 500)); // ends 100 minutes ago
    const { body: job } = await h.api().post('/jobs').send(body).expect(201);
    await h.advance(60_000);
    const [run] = (await h.api().get(`/jobs/${job.id}/runs`)).body.items;
    expect(run).toMatchObject({ status: 'succeeded', result: { outcome: 'stale', provider: 'binance' } });
    const events = (await h.api().get(`/jobs/${job.id}/events`)).body.items;
    const barTime = new Date(Date.parse(run.scheduledFor) - 2_000 - 60_000).toISOString(); // the bar that should have closed
    expect(events).toEqual([expect.objectContaining({ type: 'stale', barTime, from: 'armed', to: 'armed' })]);
    const health = await h.anon().get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.issues.join('\n')).toMatch(/stale market data: ETHUSDT 1m/);
  });

  it('a bar on which nothing happens moves only the cursor; of two passes over the same bar one write wins; an edit starts over', async () => {
    const bars = [
      ...history(),
      ...btcusdt1m()
        .slice(600, 605)
        .map((b, i) => ({ ...b, openTime: T0 + i * 60_000, closeTime: T0 + i * 60_000 + 59_999 })),
    ];
    binance.setBars('BTCUSDT', '1m', bars);
    const at = T0 + 5 * 60_000 + 2_000; // 14:05:02
    h.clock.set(at);
    const alert = (name: string, rule: unknown) => ({
      name,
      type: 'alert',
      enabled: false,
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: { symbol: 'BTCUSDT', provider: 'binance', timeframe: '1m', rule },
    });
    const quiet = (
      await h
        .api()
        .post('/jobs')
        .send(alert('never', { lt: [{ field: 'close' }, { value: 0 }] }))
        .expect(201)
    ).body;
    const fires = (
      await h
        .api()
        .post('/jobs')
        .send(alert('always', { gt: [{ field: 'close' }, { value: 0 }] }))
        .expect(201)
    ).body;
    // Created at 14:05:02, the alerts start with the bar 14:05 (14:04 closed before they existed).
    const engine = h.get(AlertEngine);
    const jobs = await h.get(JobsRepository).findByIds([quiet.id, fires.id]);
    binance.setBars('BTCUSDT', '1m', [
      ...bars,
      ...btcusdt1m()
        .slice(605, 606)
        .map((b) => ({ ...b, openTime: T0 + 5 * 60_000, closeTime: T0 + 6 * 60_000 - 1 })),
    ]);
    h.clock.set(at + 60_000);
    const fireAt = new Date(at + 60_000);
    const passes = await Promise.all([engine.process(jobs, fireAt), engine.process(jobs, fireAt)]);
    for (const id of [quiet.id, fires.id]) {
      const outcomes = passes.map((p) => p.get(id)!);
      // Exactly one pass stepped the bar; the other lost the revision race (or, serialized, found it stepped).
      expect(outcomes.filter((o) => o.outcome === 'evaluated' && o.bars === 1)).toHaveLength(1);
      expect(
        outcomes
          .filter((o) => !(o.outcome === 'evaluated' && o.bars === 1))
          .every((o) => o.outcome === 'lostRace' || (o.outcome === 'evaluated' && o.bars === 0)),
      ).toBe(true);
    }
    const bar = T0 + 5 * 60_000; // 14:05
    const rows = await h.dataSource.query(
      'SELECT job_id, rev, cursor, state FROM job_states WHERE job_id = ANY($1::uuid[])',
      [[quiet.id, fires.id]],
    );
    const row = (id: string) => rows.find((r: { job_id: string }) => r.job_id === id);
    expect(row(quiet.id)).toMatchObject({ rev: 1, cursor: String(bar), state: null }); // nothing happened: the cursor moved, no state written
    expect(row(fires.id)).toMatchObject({
      rev: 1,
      cursor: String(bar),
      state: { status: 'triggered', triggerCount: 1, lastTriggeredBarOpen: bar },
    });
    const sent = await h.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE job_id = $1', [fires.id]);
    expect(sent[0].n).toBe(1);
    expect((await h.api().get(`/jobs/${fires.id}/events`)).body.items.map((e: { type: string }) => e.type)).toEqual([
      'triggered',
    ]);
    expect((await h.api().get(`/jobs/${quiet.id}`)).body.state).toEqual({
      status: 'armed',
      triggerCount: 0,
      consecutiveTrue: 0,
      lastEvaluatedBarOpen: bar,
      rev: 1,
    });

    // Another pass at the same time: nothing left to step, nothing written.
    const again = await engine.process(await h.get(JobsRepository).findByIds([fires.id]), fireAt);
    expect(again.get(fires.id)).toMatchObject({ outcome: 'evaluated', bars: 0, triggered: [] });
    // An edit re-arms the alert: its state starts over, and a pass computed from the old revision would lose.
    await h
      .api()
      .put(`/jobs/${fires.id}`)
      .send(alert('always', { gt: [{ field: 'close' }, { value: 1 }] }))
      .expect(200);
    const [reset] = await h.dataSource.query('SELECT rev, cursor, state FROM job_states WHERE job_id = $1', [fires.id]);
    expect(reset).toEqual({ rev: 2, cursor: null, state: null });
    expect((await h.api().get(`/jobs/${fires.id}`)).body.state).toEqual({
      status: 'armed',
      triggerCount: 0,
      consecutiveTrue: 0,
      rev: 2,
    });
  });

  it('a replica whose remembered state is out of date loses its write, reads the alert again and steps only the new bar', async () => {
    const bars = [
      ...history(),
      ...btcusdt1m()
        .slice(600, 608)
        .map((b, i) => ({ ...b, openTime: T0 + i * 60_000, closeTime: T0 + i * 60_000 + 59_999 })),
    ];
    binance.setBars('BTCUSDT', '1m', bars);
    const minute = (m: number) => T0 + m * 60_000;
    h.clock.set(minute(1) + 2_000);
    // True on every bar, firing once it has held for 3 bars: every bar changes its state until then.
    const body = {
      name: 'memo',
      type: 'alert',
      enabled: false,
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'binance',
        timeframe: '1m',
        persistenceBars: 3,
        rule: { gt: [{ field: 'close' }, { value: 0 }] },
      },
    };
    const job = (await h.api().post('/jobs').send(body).expect(201)).body;
    const engine = h.get(AlertEngine);
    const entities = await h.get(JobsRepository).findByIds([job.id]);
    const stateRow = async () =>
      (await h.dataSource.query('SELECT rev, cursor, state FROM job_states WHERE job_id = $1', [job.id]))[0];

    h.clock.set(minute(2) + 2_000);
    expect((await engine.process(entities, new Date(minute(2) + 2_000))).get(job.id)).toMatchObject({
      outcome: 'evaluated',
      evaluated: [new Date(minute(1)).toISOString()],
    });
    expect(await stateRow()).toMatchObject({
      rev: 1,
      cursor: String(minute(1)),
      state: { status: 'armed', consecutiveTrue: 1 },
    });
    // Another replica steps 14:02 meanwhile (the rule has held for 2 bars); this engine still remembers revision 1 at 14:01.
    await h.dataSource.query(
      `UPDATE job_states SET rev = rev + 1, cursor = $2, state = jsonb_set(state, '{consecutiveTrue}', '2') WHERE job_id = $1`,
      [job.id, minute(2)],
    );

    h.clock.set(minute(4) + 2_000);
    const outcome = (await engine.process(entities, new Date(minute(4) + 2_000))).get(job.id);
    // From its memory it would have stepped 14:02 and 14:03 and lost the race; read afresh, only 14:03 is new, and it fires there.
    expect(outcome).toMatchObject({
      outcome: 'evaluated',
      evaluated: [new Date(minute(3)).toISOString()],
      triggered: [new Date(minute(3)).toISOString()],
    });
    expect(await stateRow()).toMatchObject({
      rev: 3,
      cursor: String(minute(3)),
      state: { status: 'triggered', triggerCount: 1 },
    });
    const sent = await h.dataSource.query('SELECT idempotency_key FROM notifications WHERE job_id = $1', [job.id]);
    expect(sent).toEqual([{ idempotency_key: `${job.id}:${new Date(minute(3)).toISOString()}` }]);
  });

  it('a quiet bar is stored only at checkpoints; another replica that starts from an older checkpoint steps those bars again and fires nothing twice', async () => {
    const minute = (m: number) => T0 + m * 60_000;
    const bars = [
      ...history(),
      ...btcusdt1m()
        .slice(600, 640)
        .map((b, i) => ({ ...b, openTime: minute(i), closeTime: minute(i) + 59_999 })),
    ];
    binance.setBars('BTCUSDT', '1m', bars);
    h.clock.set(minute(0) + 2_000);
    // The median close of those 40 minutes: the level is crossed now and then, and false on most bars.
    const level = [...bars.slice(-40).map((b) => b.close)].sort((x, y) => x - y)[20];
    const body = (name: string) => ({
      name,
      type: 'alert',
      enabled: false,
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'binance',
        timeframe: '1m',
        rule: { crossesAbove: [{ field: 'close' }, { value: level }] },
      },
    });
    const created = [];
    for (let i = 0; i < 4; i++)
      created.push(
        (
          await h
            .api()
            .post('/jobs')
            .send(body(`checkpoint-${i}`))
            .expect(201)
        ).body,
      );
    const ids = created.map((j) => j.id);
    const engine = h.get(AlertEngine);
    const entities = await h.get(JobsRepository).findByIds(ids);
    const cursors = async () =>
      new Map<string, number>(
        (await h.dataSource.query('SELECT job_id, cursor FROM job_states WHERE job_id = ANY($1::uuid[])', [ids])).map(
          (r: { job_id: string; cursor: string }) => [r.job_id, Number(r.cursor)],
        ),
      );
    let written = 0;
    for (let m = 1; m <= 30; m++) {
      h.clock.set(minute(m) + 2_000);
      const outcomes = await engine.process(entities, new Date(minute(m) + 2_000));
      for (const id of ids)
        expect(outcomes.get(id)).toMatchObject({
          outcome: 'evaluated',
          evaluated: [new Date(minute(m - 1)).toISOString()],
        });
      const stored = await cursors();
      for (const id of ids) {
        // Never 10 minutes (10 bars of 1m) behind what was stepped.
        expect(minute(m - 1) - stored.get(id)!).toBeLessThan(10 * 60_000);
        if (stored.get(id) === minute(m - 1)) written++;
      }
    }
    // Bars that changed nothing were not all written (every bar was, before checkpoints).
    expect(written).toBeLessThan(4 * 30);
    // Notifications are keyed `<job>:<bar>` (CONTRACT §5): at most one per (job, bar).
    const fired = async () =>
      (await h.dataSource.query('SELECT idempotency_key FROM notifications WHERE job_id = ANY($1::uuid[])', [ids]))
        .map((r: { idempotency_key: string }) => r.idempotency_key)
        .sort();
    const keys = (times: number[]) =>
      times.flatMap((t) => ids.map((id) => `${id}:${new Date(t).toISOString()}`)).sort();
    const before = await fired();
    const crossings = (from: number, to: number) =>
      bars
        .slice(from, to)
        .flatMap((b, i) => (bars[from + i - 1].close <= level && b.close > level ? [b.openTime] : []));
    const first = bars.length - 40;
    expect(crossings(first, first + 30).length).toBeGreaterThan(0);
    // 14:00 … 14:29 were stepped (14:00 closed after the alerts were created).
    expect(before).toEqual(keys(crossings(first, first + 30)));

    // A second replica (a fresh engine: nothing remembered) takes over at 14:31 from the stored checkpoints.
    const replica = await h.app.select(AlertsModule).get(ModuleRef, { strict: true }).create(AlertEngine);
    const checkpoints = await cursors();
    h.clock.set(minute(31) + 2_000);
    const outcomes = await replica.process(entities, new Date(minute(31) + 2_000));
    for (const id of ids) {
      // It steps every bar after the alert's checkpoint, up to 14:30.
      const since = [];
      for (let t = checkpoints.get(id)! + 60_000; t <= minute(30); t += 60_000) since.push(new Date(t).toISOString());
      expect(outcomes.get(id)).toMatchObject({ outcome: 'evaluated', evaluated: since });
    }
    // The bars it stepped again fired nothing again; the new one (14:30) fired only if it crossed.
    expect(await fired()).toEqual(keys(crossings(first, first + 31)));
  });

  it('alerts with one rule step together only while they are alike: different states and a later anchor still step on their own', async () => {
    const bars = [
      ...history(),
      ...btcusdt1m()
        .slice(600, 608)
        .map((b, i) => ({ ...b, openTime: T0 + i * 60_000, closeTime: T0 + i * 60_000 + 59_999 })),
    ];
    binance.setBars('BTCUSDT', '1m', bars);
    const minute = (m: number) => T0 + m * 60_000;
    const body = (name: string) => ({
      name,
      type: 'alert',
      enabled: false,
      schedule: { bar: '1m', delaySeconds: 2 },
      alert: {
        symbol: 'BTCUSDT',
        provider: 'binance',
        timeframe: '1m',
        rule: { gt: [{ field: 'close' }, { value: 1 }] },
      },
    });
    h.clock.set(minute(1) + 2_000);
    const a = (await h.api().post('/jobs').send(body('alike-a')).expect(201)).body;
    const b = (await h.api().post('/jobs').send(body('alike-b')).expect(201)).body;
    const d = (await h.api().post('/jobs').send(body('alike-d')).expect(201)).body; // first stepped later, with e
    const engine = h.get(AlertEngine);
    const repo = h.get(JobsRepository);
    h.clock.set(minute(2) + 2_000);
    const first = await engine.process(await repo.findByIds([a.id, b.id]), new Date(minute(2) + 2_000));
    expect(first.get(a.id)).toMatchObject({ triggered: [new Date(minute(1)).toISOString()], state: 'triggered' });
    expect(first.get(b.id)).toMatchObject({ triggered: [new Date(minute(1)).toISOString()], state: 'triggered' });
    // c has the same rule but starts now: armed, no cursor, anchored after 14:01.
    h.clock.set(minute(2) + 30_000);
    const c = (await h.api().post('/jobs').send(body('alike-c')).expect(201)).body;
    h.clock.set(minute(3) + 30_000);
    const e = (await h.api().post('/jobs').send(body('alike-e')).expect(201)).body;
    h.clock.set(minute(4) + 2_000);
    const second = await engine.process(
      await repo.findByIds([a.id, b.id, c.id, d.id, e.id]),
      new Date(minute(4) + 2_000),
    );
    const bars23 = [new Date(minute(2)).toISOString(), new Date(minute(3)).toISOString()];
    expect(second.get(a.id)).toMatchObject({ evaluated: bars23, triggered: [], state: 'triggered' });
    expect(second.get(b.id)).toMatchObject({ evaluated: bars23, triggered: [], state: 'triggered' });
    // c's first bar is 14:02 (it closes after c was created), and it fires there, once.
    expect(second.get(c.id)).toMatchObject({
      evaluated: bars23,
      triggered: [new Date(minute(2)).toISOString()],
      state: 'triggered',
    });
    // d and e are both new and armed (one state), but their anchors differ: d catches up from 14:01, e starts at 14:03.
    expect(second.get(d.id)).toMatchObject({
      evaluated: [new Date(minute(1)).toISOString(), ...bars23],
      triggered: [new Date(minute(1)).toISOString()],
    });
    expect(second.get(e.id)).toMatchObject({
      evaluated: [new Date(minute(3)).toISOString()],
      triggered: [new Date(minute(3)).toISOString()],
    });
    const sent = await h.dataSource.query(
      'SELECT job_id, count(*)::int AS n FROM notifications WHERE job_id = ANY($1::uuid[]) GROUP BY job_id',
      [[a.id, b.id, c.id, d.id, e.id]],
    );
    expect(Object.fromEntries(sent.map((r: { job_id: string; n: number }) => [r.job_id, r.n]))).toEqual({
      [a.id]: 1,
      [b.id]: 1,
      [c.id]: 1,
      [d.id]: 1,
      [e.id]: 1,
    });
  });
});
