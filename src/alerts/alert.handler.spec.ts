import { FinalRunFailure, type JobRunContext } from '../jobs/job-types/job-handler.js';
import type { JobTypeRegistry } from '../jobs/job-types/job-type.registry.js';
import type { JobEntity } from '../jobs/job.entity.js';
import type { AlertEngine } from './alert-engine.service.js';
import { PassOutcomes, type AlertOutcome } from './alert-pass.js';
import { AlertHandler, SeriesUnavailableRetried } from './alert.handler.js';

const job = (id: string, timeframe: string) => ({ id, config: { timeframe } }) as unknown as JobEntity;
const ctx = (j: JobEntity): JobRunContext =>
  ({ job: j, runId: `run-${j.id}`, scheduledFor: new Date(0), attempt: 1 }) as unknown as JobRunContext;
const error = (permanent: boolean): AlertOutcome => ({
  outcome: 'error',
  provider: 'binance',
  barTime: '1970-01-01T00:00:00.000Z',
  error: 'market data for X is unavailable',
  permanent,
});

describe('AlertHandler: a series that cannot be loaded', () => {
  it('fails the run at once below 1h or when permanent, and lets the job retry a transient failure from 1h up', async () => {
    const jobs = [job('a', '1m'), job('b', '1h'), job('c', '1d'), job('d', '15m')];
    const outcomes = [error(false), error(false), error(true), { outcome: 'lostRace' } as AlertOutcome];
    const engine = { process: async (js: JobEntity[]) => new PassOutcomes(js, outcomes) } as unknown as AlertEngine;
    const handler = new AlertHandler({} as JobTypeRegistry, engine);
    const [a, b, c, d] = await handler.runBatch(jobs.map(ctx));
    expect(a.ok === false && a.error).toBeInstanceOf(FinalRunFailure);
    expect(a.ok === false && (a.error as Error).message).toBe('market data for X is unavailable');
    expect(b.ok === false && b.error).toBeInstanceOf(SeriesUnavailableRetried);
    expect(b.ok === false && b.error).not.toBeInstanceOf(FinalRunFailure);
    expect(c.ok === false && c.error).toBeInstanceOf(FinalRunFailure);
    expect(d).toEqual({ ok: true, result: { outcome: 'lostRace' } });
  });
});
