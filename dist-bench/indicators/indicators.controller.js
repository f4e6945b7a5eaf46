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
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ComputeIndicatorsDto } from './dto/compute-indicators.dto.js';
import { IndicatorComputeService } from './indicator-compute.service.js';
let IndicatorsController = class IndicatorsController {
    indicators;
    constructor(indicators) {
        this.indicators = indicators;
    }
    /** A computation, not a created resource: 200. */
    compute(body) {
        return this.indicators.compute(body);
    }
};
__decorate([
    Post('compute'),
    HttpCode(200),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [ComputeIndicatorsDto]),
    __metadata("design:returntype", void 0)
], IndicatorsController.prototype, "compute", null);
IndicatorsController = __decorate([
    Controller('indicators'),
    __metadata("design:paramtypes", [IndicatorComputeService])
], IndicatorsController);
export { IndicatorsController };
//# sourceMappingURL=indicators.controller.js.map