var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Controller, Get, Query } from '@nestjs/common';
import { BarsQueryDto } from './dto/bars-query.dto.js';
import { MarketDataService } from './market-data.service.js';
let MarketDataController = class MarketDataController {
    marketData;
    constructor(marketData) {
        this.marketData = marketData;
    }
    /** Closed bars as the service sees them (store, then provider), CONTRACT §2. */
    bars(query) {
        return this.marketData.bars(query);
    }
};
__decorate([
    Get('bars'),
    __param(0, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [BarsQueryDto]),
    __metadata("design:returntype", void 0)
], MarketDataController.prototype, "bars", null);
MarketDataController = __decorate([
    Controller('market-data'),
    __metadata("design:paramtypes", [MarketDataService])
], MarketDataController);
export { MarketDataController };
//# sourceMappingURL=market-data.controller.js.map