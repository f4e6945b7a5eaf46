import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOhlcvCsv } from '../../base/series/csv-series.js';
import type { Timeframe } from '../../base/domain/timeframe.js';
import { computeSeries } from './batch.js';
import { createIndicator, INDICATORS, valueKey, warmupBars, type IndicatorParams } from './registry.js';
import type { Bar, IndicatorName } from './types.js';
import { SERIES_DIR } from '../../../test/support/series-dir.js';

/**
 * Every output of every indicator, streaming and batch, against TA-Lib's C over real series
 * (fixtures from scripts/talib/generate-fixtures.cjs): from the first value to the last bar within
 * 1e-9 relative, and the first value exactly at TA-Lib's begIdx.
 */
const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', '..', '..', 'test', 'fixtures', 'talib');
const DATA = SERIES_DIR;
const REL_TOL = 1e-9;
/** Absolute floor, relative to the output's largest magnitude: only matters for values ~0. */
const FLOOR = 1e-12;

interface FixtureCase {
  indicator: IndicatorName;
  params: IndicatorParams;
  begIdx: number;
  outputs: Record<string, (number | null)[]>;
}
interface Fixture {
  series: string;
  csv: string;
  bars: number;
  cases: FixtureCase[];
}

const SERIES: { file: string; tf: Timeframe }[] = [
  { file: 'spy_1d.json', tf: '1d' },
  { file: 'btcusdt_1m.json', tf: '1m' },
];

function loadFixture(file: string, tf: Timeframe): { fx: Fixture; bars: Bar[] } {
  const fx = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
  const bars = readOhlcvCsv(join(DATA, fx.csv), tf).slice(0, fx.bars);
  return { fx, bars };
}

/** First mismatch as a readable message, or null when the series agrees. */
function mismatch(actual: (number | null)[], c: FixtureCase, output: string): string | null {
  const expected = c.outputs[output];
  const scale = expected.reduce((m: number, x) => Math.max(m, Math.abs(x ?? 0)), 0);
  for (let i = 0; i < actual.length; i++) {
    const e = i < c.begIdx ? null : expected[i - c.begIdx];
    const a = actual[i];
    if (e === null || a === null) {
      if (e !== a) return `bar ${i}: got ${a}, TA-Lib ${e} (begIdx ${c.begIdx})`;
      continue;
    }
    if (Math.abs(a - e) > REL_TOL * Math.abs(e) + FLOOR * scale) return `bar ${i}: got ${a}, TA-Lib ${e}`;
  }
  return null;
}

describe.each(SERIES)('TA-Lib reference: $file', ({ file, tf }) => {
  const { fx, bars } = loadFixture(file, tf);
  const label = (c: FixtureCase) => `${c.indicator} ${JSON.stringify(c.params)}`;

  it('covers every indicator and every output', () => {
    for (const name of Object.keys(INDICATORS) as IndicatorName[]) {
      const outs = new Set(fx.cases.filter((c) => c.indicator === name).flatMap((c) => Object.keys(c.outputs)));
      expect([name, [...outs].sort()]).toEqual([name, [...INDICATORS[name].outputs].sort()]);
    }
  });

  it.each(fx.cases.map((c) => [label(c), c] as const))('streaming %s', (_l, c) => {
    const ind = createIndicator(c.indicator, c.params);
    const series: Record<string, (number | null)[]> = Object.fromEntries(ind.outputs.map((o) => [o, []]));
    for (const bar of bars) {
      ind.update(bar);
      for (const o of ind.outputs) series[o].push(ind.value(o));
    }
    for (const o of ind.outputs) expect(`${o}: ${mismatch(series[o], c, o)}`).toBe(`${o}: null`);
    expect(warmupBars(c.indicator, c.params)).toBe(c.begIdx);
  });

  it('batch (computeSeries, every case in one call) matches TA-Lib', () => {
    const requests = fx.cases.flatMap((c) =>
      Object.keys(c.outputs).map((output) => ({ indicator: c.indicator, params: c.params, output })),
    );
    const result = computeSeries(bars, requests);
    const problems = fx.cases
      .flatMap((c) =>
        Object.keys(c.outputs).map((o) => {
          const m = mismatch(result[valueKey(c.indicator, c.params, o)], c, o);
          return m && `${label(c)} ${o}: ${m}`;
        }),
      )
      .filter(Boolean);
    expect(problems).toEqual([]);
  });
});
