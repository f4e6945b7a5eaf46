import { jobStats } from './job-stats.js';

describe('jobStats', () => {
  it('counts every row once by type, enabled flag and state', () => {
    const stats = jobStats([
      { type: 'alert', enabled: true, state: 'armed', count: 5 },
      { type: 'alert', enabled: true, state: 'triggered', count: 2 },
      { type: 'alert', enabled: false, state: 'armed', count: 1 },
      { type: 'alert', enabled: false, state: 'done', count: 3 },
      { type: 'cleanup', enabled: true, state: null, count: 1 },
    ]);
    expect(stats).toEqual({
      total: 12,
      enabled: 8,
      byType: {
        alert: { total: 11, enabled: 7, disabled: 4, states: { armed: 6, triggered: 2, done: 3 } },
        cleanup: { total: 1, enabled: 1, disabled: 0, states: {} },
      },
    });
  });

  it('answers zeros for an empty store', () => {
    expect(jobStats([])).toEqual({ total: 0, enabled: 0, byType: {} });
  });
});
