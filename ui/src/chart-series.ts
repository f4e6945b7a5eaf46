import type { AlertConfigInput } from './types.js';

/** An indicator the rule reads, as POST /indicators/compute takes it. */
export interface IndicatorUse {
  indicator: string;
  params?: Record<string, unknown>;
}

/** Indicators drawn over the candles (same price scale); the others get a pane each. */
const OVERLAYS = new Set(['sma', 'ema', 'wma', 'bbands', 'vwap']);
export const isOverlay = (indicator: string) => OVERLAYS.has(indicator);

/** Every indicator operand of the rule and its rearm condition, once each (walks any nesting). */
export function indicatorsOf(config: AlertConfigInput): IndicatorUse[] {
  const found = new Map<string, IndicatorUse>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.indicator === 'string') {
      const use: IndicatorUse = { indicator: o.indicator };
      if (o.params && typeof o.params === 'object') use.params = o.params as Record<string, unknown>;
      found.set(JSON.stringify(use), use);
      return;
    }
    Object.values(o).forEach(visit);
  };
  visit(config.rule);
  visit(config.rearm?.when);
  return [...found.values()];
}

/** The indicator a §4a series key belongs to (`rsi_14` → rsi, `macd_12_26_9_signal` → macd). */
export const indicatorOfKey = (key: string) => key.split('_')[0];

/** Seconds since the epoch, as lightweight-charts counts time. */
export const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
