var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
let HealthRegistry = class HealthRegistry {
    contributors = [];
    register(contributor) {
        this.contributors.push(contributor);
    }
    all() {
        return this.contributors;
    }
};
HealthRegistry = __decorate([
    Injectable()
], HealthRegistry);
export { HealthRegistry };
//# sourceMappingURL=health-registry.js.map