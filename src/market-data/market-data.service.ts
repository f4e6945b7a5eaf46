import { Injectable } from '@nestjs/common';
import { ValidationFailed } from '../common/errors.js';
import { barToJson, type BarJson } from '../base/domain/bar.js';
import type { Timeframe } from '../base/domain/timeframe.js';
import { DataManager } from './data-manager.service.js';
import { DEFAULT_BARS, type BarsQueryDto } from './dto/bars-query.dto.js';

export interface BarsAnswer {
  provider: string;
  symbol: string;
  timeframe: Timeframe;
  bars: BarJson[];
}

/** The HTTP face of DataManager: query parameters in, CONTRACT §2's JSON out. */
@Injectable()
export class MarketDataService {
  constructor(private readonly data: DataManager) {}

  async bars(q: BarsQueryDto): Promise<BarsAnswer> {
    const fromMs = q.from === undefined ? undefined : Date.parse(q.from);
    const toMs = q.to === undefined ? undefined : Date.parse(q.to);
    if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
      throw new ValidationFailed(['from must be before to']);
    const res = await this.data.getClosedBars({
      symbol: q.symbol,
      timeframe: q.timeframe,
      provider: q.provider,
      fromMs,
      toMs,
      limit: q.limit ?? DEFAULT_BARS,
    });
    return { provider: res.provider, symbol: q.symbol, timeframe: q.timeframe, bars: res.bars.map(barToJson) };
  }
}
