var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested, } from 'class-validator';
import { SYMBOL_PATTERN } from '../../market-data/dto/bars-query.dto.js';
import { TIMEFRAMES } from '../../market-data/core/timeframe.js';
import { PROVIDER_NAMES } from '../../market-data/provider-set.js';
import { INDICATOR_NAMES } from '../core/types.js';
export const MAX_INDICATORS = 50;
/** One indicator to compute; params and output are checked against the registry by the service. */
export class IndicatorRequestDto {
    indicator;
    params;
    output;
}
__decorate([
    IsIn(INDICATOR_NAMES),
    __metadata("design:type", String)
], IndicatorRequestDto.prototype, "indicator", void 0);
__decorate([
    IsOptional(),
    IsObject(),
    __metadata("design:type", Object)
], IndicatorRequestDto.prototype, "params", void 0);
__decorate([
    IsOptional(),
    IsString(),
    __metadata("design:type", String)
], IndicatorRequestDto.prototype, "output", void 0);
/** `POST /indicators/compute` (CONTRACT §2). */
export class ComputeIndicatorsDto {
    symbol;
    timeframe;
    provider;
    bars;
    indicators;
}
__decorate([
    IsString(),
    Matches(SYMBOL_PATTERN, { message: 'symbol must be 1…64 letters, digits or ^=.-_/:' }),
    __metadata("design:type", String)
], ComputeIndicatorsDto.prototype, "symbol", void 0);
__decorate([
    IsIn(TIMEFRAMES),
    __metadata("design:type", String)
], ComputeIndicatorsDto.prototype, "timeframe", void 0);
__decorate([
    IsOptional(),
    IsIn(PROVIDER_NAMES),
    __metadata("design:type", String)
], ComputeIndicatorsDto.prototype, "provider", void 0);
__decorate([
    IsInt(),
    Min(1),
    Max(5000),
    __metadata("design:type", Number)
], ComputeIndicatorsDto.prototype, "bars", void 0);
__decorate([
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_INDICATORS),
    ValidateNested({ each: true }),
    Type(() => IndicatorRequestDto),
    __metadata("design:type", Array)
], ComputeIndicatorsDto.prototype, "indicators", void 0);
//# sourceMappingURL=compute-indicators.dto.js.map