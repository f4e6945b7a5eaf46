/**
 * Test stand-ins for the indicator library (src/indicators/core), which the alert core takes as
 * injected functions: `sma` (one output) and `donchian` (outputs `upper`, `lower`), with the
 * library's contract — §4a keys, null (never 0) during warm-up, problems relative to the operand.
 */
import type { Bar } from '../../src/base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../../src/base/domain/timeframe.js';
import type { IndicatorSpecFn, SeriesFn } from '../../src/alerts/core/alert-config.js';

const SIGNATURES: Record<string, { params: string[]; outputs: string[] }> = {
  sma: { params: ['period'], outputs: [] },
  donchian: { params: ['period'], outputs: ['upper', 'lower'] },
};

export const fakeIndicatorSpec: IndicatorSpecFn = (indicator, params, output) => {
  const sig = SIGNATURES[indicator];
  if (!sig)
    return { key: indicator, problems: [`indicator must be one of ${Object.keys(SIGNATURES).join(', ')}`], warmup: 0 };
  const problems: string[] = [];
  for (const name of Object.keys(params)) {
    if (!sig.params.includes(name)) problems.push(`params.${name} is not allowed`);
  }
  const period = params.period;
  if (!Number.isInteger(period) || (period as number) < 1 || (period as number) > 1000) {
    problems.push('params.period must be a positive integer');
  }
  if (sig.outputs.length > 0 && (output === undefined || !sig.outputs.includes(output))) {
    problems.push(`output must be one of ${sig.outputs.join(', ')}`);
  }
  if (sig.outputs.length === 0 && output !== undefined) problems.push('output is not allowed');
  const key = [indicator, String(period), ...(sig.outputs.length > 0 ? [output] : [])].join('_');
  return { key, problems, warmup: Number.isInteger(period) ? (period as number) - 1 : 0 };
};

function window(bars: readonly Bar[], i: number, period: number): Bar[] | null {
  return i + 1 < period ? null : bars.slice(i + 1 - period, i + 1);
}

export const fakeSeries: SeriesFn = (req, bars) => {
  const period = req.params.period as number;
  return bars.map((_, i) => {
    const w = window(bars, i, period);
    if (w === null) return null;
    if (req.indicator === 'sma') return w.reduce((s, b) => s + b.close, 0) / period;
    return req.output === 'upper' ? Math.max(...w.map((b) => b.high)) : Math.min(...w.map((b) => b.low));
  });
};

export const T0 = Date.parse('2026-01-05T14:00:00.000Z');

/** Contiguous bars from closes (open = previous close, high/low = ±1 around max/min of o/c). */
export function barsFromCloses(closes: number[], timeframe: Timeframe = '15m', start = T0): Bar[] {
  const len = TIMEFRAME_MS[timeframe];
  return closes.map((close, i) => {
    const open = i === 0 ? close : closes[i - 1];
    const openTime = start + i * len;
    return {
      openTime,
      closeTime: openTime + len - 1,
      open,
      high: Math.max(open, close) + 1,
      low: Math.min(open, close) - 1,
      close,
      volume: 100 + i,
    };
  });
}

/** Removes the bars at `indexes`, leaving gaps in the series. */
export function withGaps(bars: Bar[], ...indexes: number[]): Bar[] {
  return bars.filter((_, i) => !indexes.includes(i));
}
