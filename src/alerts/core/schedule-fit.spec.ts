import { scheduleFitProblems } from './schedule-fit.js';

const alert = (timeframe: string, trigger?: string) => ({
  symbol: 'BTCUSDT',
  timeframe,
  ...(trigger ? { trigger } : {}),
});

describe('scheduleFitProblems: a bar schedule must fit the alert it runs', () => {
  it('accepts the same timeframe whatever the trigger', () => {
    for (const trigger of [undefined, 'oncePerBarClose', 'oncePerBar', 'once'])
      expect(scheduleFitProblems(alert('1h', trigger), { bar: '1h' })).toEqual([]);
  });

  it('refuses a faster schedule on a closed-bar trigger, saying it evaluates each bar several times', () => {
    expect(scheduleFitProblems(alert('1h'), { bar: '15m' })).toEqual([
      'schedule.bar 15m does not fit alert.timeframe 1h with trigger oncePerBarClose: it would evaluate each ' +
        'closed 1h bar 4 times; use {"bar": "1h"}, or trigger "oncePerBar" to also watch the forming bar',
    ]);
    expect(scheduleFitProblems(alert('1h', 'once'), { bar: '5m' })[0]).toMatch(/each closed 1h bar 12 times/);
  });

  it('allows a faster schedule that divides the timeframe with oncePerBar', () => {
    expect(scheduleFitProblems(alert('1h', 'oncePerBar'), { bar: '15m' })).toEqual([]);
    expect(scheduleFitProblems(alert('12h', 'oncePerBar'), { bar: '8h' })[0]).toMatch(/does not divide/);
  });

  it('refuses a slower schedule: bars would be stepped late, in bunches', () => {
    expect(scheduleFitProblems(alert('15m', 'oncePerBar'), { bar: '1h' })).toEqual([
      'schedule.bar 1h does not fit alert.timeframe 15m: each run would step 4 closed 15m bars at once, up to ' +
        '45 minutes late; use {"bar": "15m"}',
    ]);
  });

  it('leaves cron, every and at schedules, and invalid fields (reported elsewhere), alone', () => {
    expect(scheduleFitProblems(alert('1h'), { cron: '*/5 * * * *' })).toEqual([]);
    expect(scheduleFitProblems(alert('1h'), { every: 60 })).toEqual([]);
    expect(scheduleFitProblems(alert('7m'), { bar: '1h' })).toEqual([]);
    expect(scheduleFitProblems(undefined, { bar: '1h' })).toEqual([]);
  });
});
