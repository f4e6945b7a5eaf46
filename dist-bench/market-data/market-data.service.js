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
import { ValidationFailed } from '../common/errors.js';
import { barToJson } from './core/bar.js';
import { DataManager } from './data-manager.service.js';
import { DEFAULT_BARS } from './dto/bars-query.dto.js';
/** The HTTP face of DataManager: query parameters in, CONTRACT §2's JSON out. */
let MarketDataService = class MarketDataService {
    data;
    constructor(data) {
        this.data = data;
    }
    async bars(q) {
        const fromMs = q.from === undefined ? undefined : Date.parse(q.from);
        const toMs = q.to === undefined ? undefined : Date.parse(q.to);
        if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
            throw new ValidationFailed(['from must be before to']);
        const res = await this.data.getClosedBars({
            symbol: q.symbol, timeframe: q.timeframe, provider: q.provider, fromMs, toMs, limit: q.limit ?? DEFAULT_BARS,
        });
        return { provider: res.provider, symbol: q.symbol, timeframe: q.timeframe, bars: res.bars.map(barToJson) };
    }
};
MarketDataService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [DataManager])
], MarketDataService);
export { MarketDataService };
//# sourceMappingURL=market-data.service.js.map