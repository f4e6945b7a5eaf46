var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { MarketDataModule } from '../market-data/market-data.module.js';
import { IndicatorComputeService } from './indicator-compute.service.js';
import { IndicatorService } from './indicator.service.js';
import { IndicatorsController } from './indicators.controller.js';
/** Indicator series over stored bars: IndicatorService for the alert engine, `POST /indicators/compute` for users. */
let IndicatorsModule = class IndicatorsModule {
};
IndicatorsModule = __decorate([
    Module({
        imports: [MarketDataModule],
        controllers: [IndicatorsController],
        providers: [IndicatorService, IndicatorComputeService],
        exports: [IndicatorService],
    })
], IndicatorsModule);
export { IndicatorsModule };
//# sourceMappingURL=indicators.module.js.map