import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type IChartApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { api } from '../api.js';
import { indicatorOfKey, indicatorsOf, isOverlay, seconds } from '../chart-series.js';
import { errorBox, h, json, replace, table, time } from '../dom.js';
import { link, type Route } from '../router.js';
import type {
  AlertConfigInput,
  AlertEventView,
  AlertJobView,
  BarsAnswer,
  ComputeAnswer,
  Page,
  PreviewAnswer,
} from '../types.js';
import { formatValues } from './job.js';

const BARS = 300;
const COLORS = ['#2962ff', '#ff6d00', '#00897b', '#8e24aa', '#c62828', '#6d4c41', '#546e7a'];
let current: IChartApi | null = null;

interface Marks {
  kind: 'events' | 'preview';
  markers: SeriesMarker<Time>[];
}

/** Candles, the rule's indicators and the markers, drawn into `host` (a previous chart is removed). */
async function draw(host: HTMLElement, config: AlertConfigInput, marks: Marks): Promise<void> {
  const series = { symbol: config.symbol, timeframe: config.timeframe, provider: config.provider };
  const q = new URLSearchParams({ symbol: config.symbol, timeframe: config.timeframe, limit: String(BARS) });
  if (config.provider) q.set('provider', config.provider);
  const uses = indicatorsOf(config);
  const [bars, computed] = await Promise.all([
    api<BarsAnswer>('GET', `/market-data/bars?${q}`),
    uses.length ? api<ComputeAnswer>('POST', '/indicators/compute', { ...series, bars: BARS, indicators: uses }) : null,
  ]);
  current?.remove();
  replace(host);
  const chart = createChart(host, {
    autoSize: true,
    layout: { background: { color: '#ffffff' }, textColor: '#1f2933', attributionLogo: false },
    grid: { vertLines: { color: '#eef0f3' }, horzLines: { color: '#eef0f3' } },
    timeScale: { timeVisible: true, secondsVisible: config.timeframe.endsWith('s') },
  });
  current = chart;
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: '#26a69a',
    downColor: '#ef5350',
    borderVisible: false,
    wickUpColor: '#26a69a',
    wickDownColor: '#ef5350',
  });
  candles.setData(
    bars.bars.map((b) => ({
      time: seconds(b.openTime) as UTCTimestamp,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
    })),
  );
  const panes = new Map<string, number>();
  Object.entries(computed?.series ?? {}).forEach(([key, values], i) => {
    const indicator = indicatorOfKey(key);
    if (!isOverlay(indicator) && !panes.has(indicator)) panes.set(indicator, panes.size + 1);
    const line = chart.addSeries(
      LineSeries,
      { color: COLORS[i % COLORS.length], lineWidth: 1, title: key, priceLineVisible: false, lastValueVisible: true },
      isOverlay(indicator) ? 0 : panes.get(indicator),
    );
    line.setData(
      (computed as ComputeAnswer).bars.map((b, j) => {
        const t = seconds(b.openTime) as UTCTimestamp;
        const v = values[j];
        return v === null || v === undefined ? { time: t } : { time: t, value: v };
      }),
    );
  });
  const first = bars.bars[0] ? seconds(bars.bars[0].openTime) : Infinity;
  const inRange = marks.markers.filter((m) => (m.time as number) >= first);
  createSeriesMarkers(candles, inRange);
  host.dataset.bars = String(bars.bars.length);
  host.dataset.markers = String(inRange.length);
  host.dataset.series = Object.keys(computed?.series ?? {}).join(',');
  host.dataset.mode = marks.kind;
  // The latest 150 bars (where a live alert's events are) fill the width; scroll or zoom for the rest.
  const n = bars.bars.length;
  if (n > 150) chart.timeScale().setVisibleLogicalRange({ from: n - 150, to: n + 2 });
  else chart.timeScale().fitContent();
}

function eventMarkers(events: AlertEventView[]): SeriesMarker<Time>[] {
  return events
    .filter((e) => e.type === 'triggered' || e.type === 'rearmed')
    .map((e): SeriesMarker<Time> =>
      e.type === 'triggered'
        ? {
            time: seconds(e.barTime) as UTCTimestamp,
            position: 'aboveBar',
            color: '#d81b60',
            shape: 'arrowDown',
            text: 'T',
          }
        : {
            time: seconds(e.barTime) as UTCTimestamp,
            position: 'belowBar',
            color: '#1e88e5',
            shape: 'arrowUp',
            text: 'R',
          },
    )
    .sort((a, b) => (a.time as number) - (b.time as number));
}

/**
 * An alert's chart: candles of its series, the indicators its rule reads, markers where it
 * triggered (T) and rearmed (R); "Preview" runs POST /alerts/preview on an edited rule and marks
 * where that rule would have fired (P) over the same bars.
 */
export async function chartPage(route: Route, rerender: () => void): Promise<Node> {
  const id = route.path[1];
  const job = await api<AlertJobView>('GET', `/jobs/${id}`);
  const events = await api<Page<AlertEventView>>('GET', `/jobs/${id}/events?limit=500`);
  const markers = eventMarkers(events.items);
  const host = h('div', { class: 'chart', 'data-testid': 'chart' });
  const legend = h('p', { class: 'legend', 'data-testid': 'chart-legend' });
  const problems = h('div');
  const results = h('div');
  const editor = h('textarea', { rows: 14, spellcheck: false, 'data-testid': 'preview-json' });
  editor.value = json(job.alert);

  const showEvents = async () => {
    replace(problems);
    replace(results);
    await draw(host, job.alert, { kind: 'events', markers });
    const triggered = markers.filter((m) => m.text === 'T').length;
    replace(
      legend,
      `${host.dataset.markers} markers on ${host.dataset.bars} bars: T = triggered (${triggered}), R = rearmed (${markers.length - triggered}).`,
    );
  };
  const preview = async () => {
    replace(problems);
    let alert: AlertConfigInput;
    try {
      alert = JSON.parse(editor.value) as AlertConfigInput;
    } catch (e) {
      replace(problems, errorBox(new Error(`The rule is not valid JSON: ${(e as Error).message}`), 'preview-error'));
      return;
    }
    try {
      const answer = await api<PreviewAnswer>('POST', '/alerts/preview', { alert, bars: BARS });
      const fires = answer.fires.map((f): SeriesMarker<Time> => ({
        time: seconds(f.barTime) as UTCTimestamp,
        position: 'aboveBar',
        color: '#f57c00',
        shape: 'circle',
        text: 'P',
      }));
      await draw(host, alert, { kind: 'preview', markers: fires });
      replace(legend, `Preview: would have fired ${answer.fires.length} times over ${answer.bars} bars (P).`);
      replace(
        results,
        h('h2', null, 'Where the edited rule would have fired'),
        table(
          'preview-fires',
          ['bar', 'close', 'values'],
          answer.fires.map((f) => [time(f.barTime), String(f.bar.close), h('code', null, formatValues(f.values))]),
          'It would not have fired on these bars.',
        ),
        h(
          'button',
          {
            'data-testid': 'apply-rule',
            onclick: async () => {
              try {
                await api('PATCH', `/jobs/${id}`, { alert });
                rerender();
              } catch (e) {
                replace(problems, errorBox(e, 'preview-error'));
              }
            },
          },
          'Save this config to the alert',
        ),
      );
    } catch (e) {
      replace(problems, errorBox(e, 'preview-error'));
    }
  };

  const page = h(
    'div',
    { 'data-testid': 'chart-page' },
    h(
      'h1',
      null,
      h('a', { href: link.job(id) }, job.name),
      ` · ${job.alert.symbol} ${job.alert.timeframe}${job.alert.provider ? ` (${job.alert.provider})` : ''}`,
    ),
    h(
      'p',
      { class: 'toolbar' },
      h(
        'button',
        { 'data-testid': 'show-events', onclick: () => void showEvents().catch((e) => replace(problems, errorBox(e))) },
        'Events',
      ),
      h('button', { 'data-testid': 'preview', onclick: () => void preview() }, 'Preview edited rule'),
    ),
    legend,
    host,
    problems,
    h(
      'details',
      { class: 'preview-editor', open: true },
      h('summary', null, 'Alert config (edit, then Preview)'),
      editor,
    ),
    results,
  );
  // Drawn once the page is in the document (the chart sizes itself to its container).
  queueMicrotask(() => void showEvents().catch((e) => replace(problems, errorBox(e, 'chart-error'))));
  return page;
}
