/**
 * A range of openTime [from, to) of one series in which every bar the provider has is known (the
 * gaps inside are the vendor's own). `historyStart`: the provider has no bar before `from` either,
 * so the range reaches back to the beginning of time.
 */
export interface Coverage {
  from: number;
  to: number;
  historyStart: boolean;
}

/** Where a range effectively begins: the beginning of time when history starts at it. */
export function coverageStart(c: Coverage): number {
  return c.historyStart ? -Infinity : c.from;
}

/** Whether two ranges overlap or touch, so their union is one range of known bars. */
export function touches(a: Coverage, b: Coverage): boolean {
  return coverageStart(a) <= b.to && coverageStart(b) <= a.to;
}

/** The union of `added` and every range of `known` that overlaps or touches it. */
export function joinCoverage(known: readonly Coverage[], added: Coverage): Coverage {
  let joined = { ...added };
  for (const c of known) {
    if (!touches(c, joined)) continue;
    joined = {
      from: Math.min(joined.from, c.from),
      to: Math.max(joined.to, c.to),
      historyStart: joined.historyStart || c.historyStart,
    };
  }
  return joined;
}

/**
 * The parts of [from, to) that no range of `known` covers, ascending. Only these need asking the
 * provider for: everything else is in the store, gaps included.
 */
export function uncovered(from: number, to: number, known: readonly Coverage[]): Array<[number, number]> {
  const sorted = [...known].sort((a, b) => coverageStart(a) - coverageStart(b));
  const gaps: Array<[number, number]> = [];
  let cursor = from;
  for (const c of sorted) {
    if (cursor >= to) break;
    if (c.to <= cursor) continue;
    const start = coverageStart(c);
    if (start > cursor) gaps.push([cursor, Math.min(start, to)]);
    cursor = Math.max(cursor, c.to);
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}

/** The range covering the instant just before `t` (the one a window ending at `t` reads), if any. */
export function coverageBefore(known: readonly Coverage[], t: number): Coverage | undefined {
  return known.find((c) => coverageStart(c) < t && c.to >= t);
}
