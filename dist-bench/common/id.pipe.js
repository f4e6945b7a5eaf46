var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { BadRequestException, Injectable } from '@nestjs/common';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id is a 400 naming the parameter (an unknown well-formed one is a 404 later). */
let IdPipe = class IdPipe {
    transform(value) {
        if (!UUID.test(value))
            throw new BadRequestException([`id "${value.slice(0, 64)}" is not a UUID`]);
        return value.toLowerCase();
    }
};
IdPipe = __decorate([
    Injectable()
], IdPipe);
export { IdPipe };
//# sourceMappingURL=id.pipe.js.map