var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { barToJson } from '../market-data/core/bar.js';
import { DataManager } from '../market-data/data-manager.service.js';
import { expandRequests } from './indicator-requests.js';
import { IndicatorService } from './indicator.service.js';
/** `POST /indicators/compute`: the last N closed bars, the indicators run over exactly those (warm-up inside). */
let IndicatorComputeService = class IndicatorComputeService {
    data;
    indicators;
    constructor(data, indicators) {
        this.data = data;
        this.indicators = indicators;
    }
    async compute(dto) {
        const requests = expandRequests(dto.indicators); // a 400 before any vendor is asked
        const { provider, bars } = await this.data.getClosedBars({
            symbol: dto.symbol, timeframe: dto.timeframe, provider: dto.provider, limit: dto.bars,
        });
        const series = this.indicators.compute({ provider, symbol: dto.symbol, timeframe: dto.timeframe }, bars, requests);
        return { provider, symbol: dto.symbol, timeframe: dto.timeframe, bars: bars.map(barToJson), series };
    }
};
IndicatorComputeService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataManager, IndicatorService])
], IndicatorComputeService);
export { IndicatorComputeService };
//# sourceMappingURL=indicator-compute.service.js.map