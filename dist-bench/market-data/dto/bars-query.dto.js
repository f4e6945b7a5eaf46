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
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TIMEFRAMES } from '../core/timeframe.js';
import { PROVIDER_NAMES } from '../provider-set.js';
export const MAX_BARS = 5000;
export const DEFAULT_BARS = 500;
/** What any vendor spells a symbol with: `BTCUSDT`, `BRK.B`, `^GSPC`, `EURUSD=X`. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9^=.\-_/:]{1,64}$/;
/** `GET /market-data/bars` (CONTRACT §2): `from` inclusive, `to` exclusive, by openTime. */
export class BarsQueryDto {
    symbol;
    timeframe;
    provider;
    from;
    to;
    limit;
}
__decorate([
    IsString(),
    Matches(SYMBOL_PATTERN, { message: 'symbol must be 1…64 letters, digits or ^=.-_/:' }),
    __metadata("design:type", String)
], BarsQueryDto.prototype, "symbol", void 0);
__decorate([
    IsIn(TIMEFRAMES),
    __metadata("design:type", String)
], BarsQueryDto.prototype, "timeframe", void 0);
__decorate([
    IsOptional(),
    IsIn(PROVIDER_NAMES),
    __metadata("design:type", String)
], BarsQueryDto.prototype, "provider", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' }),
    __metadata("design:type", String)
], BarsQueryDto.prototype, "from", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' }),
    __metadata("design:type", String)
], BarsQueryDto.prototype, "to", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_BARS),
    __metadata("design:type", Number)
], BarsQueryDto.prototype, "limit", void 0);
//# sourceMappingURL=bars-query.dto.js.map