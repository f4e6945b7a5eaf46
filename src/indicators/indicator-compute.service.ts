import { Injectable } from '@nestjs/common';
import { barToJson, type BarJson } from '../base/domain/bar.js';
import type { Timeframe } from '../base/domain/timeframe.js';
import { DataManager } from '../market-data/data-manager.service.js';
import type { ComputeIndicatorsDto } from './dto/compute-indicators.dto.js';
import { expandRequests } from './indicator-requests.js';
import { IndicatorService } from './indicator.service.js';

export interface ComputeAnswer {
  provider: string;
  symbol: string;
  timeframe: Timeframe;
  bars: BarJson[];
  series: Record<string, (number | null)[]>;
}

/** `POST /indicators/compute`: the last N closed bars, the indicators run over exactly those (warm-up inside). */
@Injectable()
export class IndicatorComputeService {
  constructor(
    private readonly data: DataManager,
    private readonly indicators: IndicatorService,
  ) {}

  async compute(dto: ComputeIndicatorsDto): Promise<ComputeAnswer> {
    const requests = expandRequests(dto.indicators); // a 400 before any vendor is asked
    const { provider, bars } = await this.data.getClosedBars({
      symbol: dto.symbol,
      timeframe: dto.timeframe,
      provider: dto.provider,
      limit: dto.bars,
    });
    const series = this.indicators.compute({ provider, symbol: dto.symbol, timeframe: dto.timeframe }, bars, requests);
    return { provider, symbol: dto.symbol, timeframe: dto.timeframe, bars: bars.map(barToJson), series };
  }
}
