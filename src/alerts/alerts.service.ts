import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage, type Page } from '../common/cursor.js';
import { ValidationFailed } from '../common/errors.js';
import { JobsService } from '../jobs/jobs.service.js';
import { barToJson } from '../base/domain/bar.js';
import { TIMEFRAME_MS, type Timeframe } from '../base/domain/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { AlertEventsRepository } from './alert-events.repository.js';
import { alertEventView, type AlertEventView } from './alert-event-view.js';
import { normalizeAlertConfig, previewAlert, validateAlertConfig, type AlertConfigInput } from './core/index.js';
import { indicatorSpec, seriesOver } from './core/indicator-adapter.js';
import { IndicatorService } from '../indicators/indicator.service.js';
import { MAX_PREVIEW_BARS, previewEnvelopeProblems } from './preview-request.js';

/** `GET /jobs/:id/events` and `POST /alerts/preview`. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly jobs: JobsService,
    private readonly events: AlertEventsRepository,
    private readonly data: DataManager,
    private readonly indicators: IndicatorService,
  ) {}

  async listEvents(jobId: string, q: { limit?: number; cursor?: string }): Promise<Page<AlertEventView>> {
    await this.jobs.mustFind(jobId);
    const limit = q.limit ?? 50;
    const rows = await this.events.list(jobId, limit + 1, decodeCursor(q.cursor));
    return toPage(rows, limit, (e) => e.at, alertEventView);
  }

  /** What the alert would have done over the last N closed bars (or a given range), from its first bar. */
  async preview(body: { alert?: unknown; bars?: unknown; from?: unknown; to?: unknown }) {
    const envelope = previewEnvelopeProblems(body);
    if (envelope.length) throw new ValidationFailed(envelope);
    const problems = validateAlertConfig(body.alert, indicatorSpec, 'alert');
    const n = body.bars ?? 500;
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_PREVIEW_BARS)
      problems.push(`bars must be an integer 1…${MAX_PREVIEW_BARS}`);
    const range = parseRange(body.from, body.to, problems);
    if (problems.length) throw new ValidationFailed(problems);
    const config = normalizeAlertConfig(body.alert as AlertConfigInput);
    const tf = config.timeframe as Timeframe;
    const { provider, bars } = await this.data.getClosedBars({
      symbol: config.symbol,
      timeframe: tf,
      provider: config.provider,
      limit: n as number,
      ...(range.from !== undefined ? { fromMs: range.from } : {}),
      ...(range.to !== undefined ? { toMs: range.to } : {}),
    });
    const fires = previewAlert(
      config,
      bars,
      seriesOver(this.indicators.windows, { provider, symbol: config.symbol, timeframe: tf }, bars),
      indicatorSpec,
    );
    return {
      provider,
      symbol: config.symbol,
      timeframe: tf,
      bars: bars.length,
      from: bars[0] ? new Date(bars[0].openTime).toISOString() : null,
      to: bars.at(-1) ? new Date(bars.at(-1)!.openTime + TIMEFRAME_MS[tf]).toISOString() : null,
      fires: fires.map((f) => ({
        barTime: new Date(f.barTime).toISOString(),
        bar: barToJson(f.bar),
        values: f.values,
      })),
    };
  }
}

function parseRange(from: unknown, to: unknown, problems: string[]): { from?: number; to?: number } {
  const parse = (v: unknown, name: string) => {
    if (v === undefined) return undefined;
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) problems.push(`${name} must be an ISO-8601 time`);
    return t;
  };
  return { from: parse(from, 'from'), to: parse(to, 'to') };
}
