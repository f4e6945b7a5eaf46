import { describe, expect, it } from '@jest/globals';
import { planMisfire } from './misfire.js';

const t = (s: string): number => Date.parse(`2026-01-05T${s}Z`);
const missed = [t('13:00:00'), t('13:55:00'), t('13:56:00'), t('13:57:00')];
const now = t('14:00:00');

describe('planMisfire', () => {
  it('skip runs nothing', () => {
    expect(planMisfire({ policy: 'skip', graceSeconds: 3600 }, missed, now)).toEqual([]);
  });

  it('runOnce runs only the latest missed time, if within grace', () => {
    expect(planMisfire({ policy: 'runOnce', graceSeconds: 300 }, missed, now)).toEqual([t('13:57:00')]);
    expect(planMisfire({ policy: 'runOnce', graceSeconds: 60 }, missed, now)).toEqual([]);
  });

  it('backfill runs every missed time within grace, oldest first', () => {
    expect(planMisfire({ policy: 'backfill', graceSeconds: 300 }, missed, now)).toEqual([
      t('13:55:00'),
      t('13:56:00'),
      t('13:57:00'),
    ]);
    expect(planMisfire({ policy: 'backfill', graceSeconds: 7200 }, [...missed].reverse(), now)).toEqual(missed);
  });

  it('counts grace inclusively: exactly graceSeconds old still runs, 1 ms older does not', () => {
    expect(planMisfire({ policy: 'backfill', graceSeconds: 300 }, [t('13:55:00')], now)).toEqual([t('13:55:00')]);
    expect(planMisfire({ policy: 'backfill', graceSeconds: 300 }, [t('13:55:00') - 1], now)).toEqual([]);
  });

  it('ignores times that are not yet due and duplicates', () => {
    expect(
      planMisfire({ policy: 'backfill', graceSeconds: 300 }, [t('13:58:00'), t('13:58:00'), t('14:00:01')], now),
    ).toEqual([t('13:58:00')]);
    expect(planMisfire({ policy: 'runOnce', graceSeconds: 300 }, [], now)).toEqual([]);
  });
});
